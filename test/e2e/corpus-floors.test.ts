import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, REPO } from '../helpers/cli.js'

/*
 * Both labeled corpora (Trivy's and KICS's samples), scored by their own scorer against the bundled CLI,
 * in batch mode (one scan of the whole tree, as a repository is scanned) and per case (one scan per
 * file): recall and false positives must hold their floors, with no crash. POLICYGATE_CORPUS_DIR points
 * at another corpus directory (as for every corpus test); without one the tests are skipped and say why.
 */

/** The corpus directory: POLICYGATE_CORPUS_DIR when set, else ../shared/corpus beside the repository. */
function corpusLocation(env: Record<string, string | undefined> = process.env): { dir: string; present: boolean } {
  const dir = resolve(env.POLICYGATE_CORPUS_DIR || join(REPO, '..', 'shared', 'corpus'))
  return { dir, present: existsSync(join(dir, 'score.mjs')) }
}

interface Score {
  recall: number
  false_positive_rate: number
  crashes: unknown[]
  scored: number
  misses: { file: string }[]
  false_positives: { file: string }[]
}

// KICS: 98% is the issue's aim. What stays missed is policies on users declared elsewhere and IAM Identity Center
// permission sets (principals the scan only names: being built apart), wildcards in resource policies labeled
// as identity-policy findings, and stages of APIs the scan does not declare (their endpoint type is unknown).
const FLOORS = {
  trivy: { recall: 100, falsePositives: 0 },
  kics: { recall: 98, falsePositives: 2 },
}

function score(dir: string, manifest: string, mode: 'batch' | 'per-case'): Score {
  const report = join(mkdtempSync(join(tmpdir(), 'policygate-floors-')), 'score.json')
  const options = mode === 'batch' ? ['--batch'] : ['--jobs', '2']
  const run = spawnSync(
    process.execPath,
    [join(dir, 'score.mjs'), ...options, '--isolate', '--quiet', '--json', report, join(dir, manifest, 'manifest.json'), '--', process.execPath, CLI, 'scan', '--format', 'sarif'],
    { encoding: 'utf8', timeout: 600_000 },
  )
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(readFileSync(report, 'utf8')) as Score
}

const corpus = corpusLocation()

describe('the corpus location', () => {
  it('follows POLICYGATE_CORPUS_DIR, and a directory without the scorer counts as absent', () => {
    const missing = corpusLocation({ POLICYGATE_CORPUS_DIR: join(tmpdir(), 'no-corpus-here') })
    expect(missing).toEqual({ dir: join(tmpdir(), 'no-corpus-here'), present: false })
    expect(corpusLocation({}).dir).toBe(resolve(REPO, '..', 'shared', 'corpus'))
  })
})

describe.skipIf(!corpus.present)(`labeled corpora at their floors${corpus.present ? '' : ` (skipped: no corpus at ${corpus.dir}; set POLICYGATE_CORPUS_DIR)`}`, () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    for (const mode of ['batch', 'per-case'] as const) {
      it(`${name}, ${mode}: recall ≥ ${floor.recall}%, false positives ≤ ${floor.falsePositives}%, no crash`, { timeout: 600_000 }, () => {
        const result = score(corpus.dir, name, mode)
        expect(result.crashes).toEqual([])
        expect(result.scored).toBeGreaterThan(100)
        expect(result.recall, `misses: ${result.misses.map((m) => m.file).join(', ')}`).toBeGreaterThanOrEqual(floor.recall)
        expect(result.false_positive_rate, `false positives: ${result.false_positives.map((f) => f.file).join(', ')}`).toBeLessThanOrEqual(floor.falsePositives)
      })
    }
  }
})
