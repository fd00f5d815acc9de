import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPO } from '../helpers/cli.js'

/*
 * This checkout installed as a user installs it: `npm pack`, then `npm install <tarball>` into a
 * temporary prefix, giving the `policygate` command npm links. The bundle imports no package at run
 * time; the declared dependencies are linked from this checkout's node_modules so the install needs
 * no network.
 */

export interface Installed {
  /** Paths inside the packed tarball. */
  files: string[]
  /** The installed `policygate` command. */
  command: string
  cleanup(): void
}

function npm(args: string[], cwd: string) {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } })
  if (run.status !== 0) throw new Error(`npm ${args[0]} failed: ${run.stderr}`)
  return run.stdout
}

export function installPackedCheckout(): Installed {
  const work = mkdtempSync(join(tmpdir(), 'policygate-pack-'))
  const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], REPO)) as { filename: string; files: { path: string }[] }[]
  const prefix = join(work, 'prefix')
  const { dependencies } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  for (const name of Object.keys(dependencies)) {
    mkdirSync(dirname(join(prefix, 'node_modules', name)), { recursive: true })
    symlinkSync(join(REPO, 'node_modules', name), join(prefix, 'node_modules', name))
  }
  npm(['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, join(work, info!.filename)], work)
  return { files: info!.files.map((f) => f.path), command: join(prefix, 'node_modules', '.bin', 'policygate'), cleanup: () => rmSync(work, { recursive: true, force: true }) }
}
