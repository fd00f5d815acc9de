import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLI, runCli } from '../helpers/cli.js'
import { TRAIL_WITHOUT_VALIDATION, tempRepo } from './temp-repo.js'

/** The CLI on a pseudo-terminal (util-linux `script`), as a user at a terminal runs it: stdout and stderr together. */
function onTerminal(args: string[], cwd: string, delayMs?: number): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ')
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...(delayMs !== undefined && { POLICYGATE_PROGRESS_DELAY_MS: String(delayMs) }) } })
  return run.stdout
}

const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0

describe.skipIf(!hasScript)('progress on a terminal (bundled CLI)', () => {
  it('a scan over a second shows files parsed / total on stderr, and erases the line before the report', () => {
    // The line's first-second delay is taken away, so the scan need not be slow on any machine.
    const files = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`m${i}/main.tf`, TRAIL_WITHOUT_VALIDATION.replace('"t"', `"t${i}"`)]))
    const dir = tempRepo(files)
    try {
      const output = onTerminal(['scan', '.', '--fail-on', 'none'], dir, 0)
      const counts = [...output.matchAll(/policygate: parsed (\d+)\/(\d+) files/g)].map((m) => [Number(m[1]), Number(m[2])])
      expect(counts.length).toBeGreaterThan(0)
      expect(counts.every(([, total]) => total === 1500)).toBe(true)
      expect(counts.map(([parsed]) => parsed)).toEqual([...counts.map(([parsed]) => parsed)].sort((a, b) => a! - b!))
      // The line is cleared (carriage return, erase line) before the report starts.
      expect(output).toMatch(/files\r\u001b\[2K(\r\n)?m0\/main\.tf/)
      expect(output).toContain('Files: 1500 scanned')
      // --quiet: no progress.
      expect(onTerminal(['scan', '.', '--fail-on', 'none', '--quiet'], dir, 0)).not.toContain('policygate: parsed')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)

  it('a short scan, or one whose stderr is not a terminal, shows none', () => {
    const dir = tempRepo({ 'main.tf': TRAIL_WITHOUT_VALIDATION })
    try {
      expect(onTerminal(['scan', '.', '--fail-on', 'none'], dir)).not.toContain('policygate: parsed')
      expect(runCli(['scan', '.', '--fail-on', 'none'], { cwd: dir }).stderr).toBe('')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
