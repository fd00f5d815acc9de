import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const REPO = join(import.meta.dirname, '..', '..')
export const CLI = join(REPO, 'dist', 'cli.js')

/** Runs the bundled CLI as a user would: a child process, its real exit code and output. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}
