import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/cli.js'

/** Runs vitest on a throwaway folder of test files with the project's summary-line reporter, as `npm test` ends. */
function runSuite(files: Record<string, string>): { code: number | null; lastLine: string } {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-suite-'))
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    writeFileSync(
      join(dir, 'vitest.config.mjs'),
      `export default { test: { include: ['*.test.mjs'], globals: true, reporters: [${JSON.stringify(join(REPO, 'test/reporters/summary-line.ts'))}] } }\n`,
    )
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    })
    const lines = run.stdout.trim().split('\n')
    return { code: run.status, lastLine: lines[lines.length - 1]! }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the closing `N passed, N failed` line', () => {
  it('counts a test file that fails to load as a failure, besides failed tests', () => {
    const result = runSuite({
      'good.test.mjs': "it('passes', () => {})\nit.skip('is skipped', () => {})\n",
      'bad.test.mjs': "it('fails', () => { throw new Error('no') })\n",
      'broken.test.mjs': "import './missing-fixture.mjs'\nit('never runs', () => {})\n",
    })
    expect(result.code).toBe(1)
    expect(result.lastLine).toBe('1 passed, 2 failed, 1 skipped')
  })

  it('says 0 failed only when everything loaded and passed', () => {
    const result = runSuite({ 'good.test.mjs': "it('passes', () => {})\n" })
    expect(result.code).toBe(0)
    expect(result.lastLine).toBe('1 passed, 0 failed, 0 skipped')
  })
})
