import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { REPO } from '../helpers/cli.js'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The CLI bundled from these sources into a temporary directory (the committed dist/ may lag behind
 * them; test/freshness.test.ts pins the two together), with policies/ beside it where the bundle looks.
 */
export function bundleCli(): { run(args: string[], cwd?: string): CliRun; cleanup(): void } {
  const work = mkdtempSync(join(tmpdir(), 'policygate-docs-cli-'))
  const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), relative(REPO, join(work, 'dist'))], { cwd: REPO, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`)
  cpSync(join(REPO, 'policies'), join(work, 'policies'), { recursive: true })
  const cli = join(work, 'dist', 'cli.js')
  return {
    run(args, cwd = REPO) {
      const child = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } })
      return { code: child.status, stdout: child.stdout, stderr: child.stderr }
    },
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  }
}

/** A directory holding these files (paths relative to it). */
export function tempTree(files: Record<string, string> = {}): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-docs-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
