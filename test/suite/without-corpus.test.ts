import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { REPO } from '../helpers/cli.js'

/** Test files that read the optional corpus (through test/helpers/corpus-dir.ts, directly or via corpus.ts). */
function corpusTestFiles(dir = join(REPO, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return corpusTestFiles(path)
    return entry.name.endsWith('.test.ts') && /helpers\/corpus(-dir)?\.js'/.test(readFileSync(path, 'utf8')) ? [relative(REPO, path)] : []
  })
}

it('the corpus tests pass, skipped and saying so, when POLICYGATE_CORPUS_DIR is an empty directory (a fresh clone)', () => {
  const files = corpusTestFiles()
  expect(files.length).toBeGreaterThanOrEqual(10)
  const empty = mkdtempSync(join(tmpdir(), 'policygate-no-corpus-'))
  try {
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', ...files], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, POLICYGATE_CORPUS_DIR: empty, NO_COLOR: '1', CI: '1' },
    })
    const summary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(run.stdout)
    expect(summary, run.stdout + run.stderr).not.toBeNull()
    expect(run.status, run.stdout.slice(-3000)).toBe(0)
    expect(Number(summary![2])).toBe(0)
    expect(Number(summary![3])).toBeGreaterThanOrEqual(files.length)
    expect(run.stdout).toContain(`the corpus ${join(empty, 'realworld')} is absent`)
  } finally {
    rmSync(empty, { recursive: true, force: true })
  }
}, 300_000)
