import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { CLI } from '../helpers/cli.js'
import { CORPUS_DIR, describeWithCorpus } from '../helpers/corpus-dir.js'

const CORPUS = CORPUS_DIR

/** The rules of the engine issue, for which the public corpus sets a floor. */
const ENGINE_RULES = [
  'iam/full-admin', 'iam/service-wildcard-action', 'iam/not-action-allow', 'iam/not-resource-allow', 'iam/trust-public',
  'iam/user-direct-policy', 'iam/user-access-key', 'apigw/method-no-auth', 'apigw/route-no-auth', 'vpce/policy-full-access',
  'trail/not-multi-region', 'trail/log-validation-disabled', 'trail/not-encrypted', 'trail/logging-disabled', 'secrets/hardcoded-aws-key',
]

interface Score {
  recall: number
  crashes: unknown[]
  cases_run: number
  per_rule: Record<string, { bad: number; detected: number; good: number; fp: number }>
}

describeWithCorpus(['score.mjs'], 'public corpus (Trivy-derived), scored by its own scorer against the bundled CLI', () => {
  it('meets the floor: recall ≥ 90% and false positives ≤ 5% for the engine rules, no crash', () => {
    const report = join(mkdtempSync(join(tmpdir(), 'policygate-score-')), 'score.json')
    const run = spawnSync(
      process.execPath,
      [join(CORPUS, 'score.mjs'), '--batch', '--isolate', '--quiet', '--json', report, join(CORPUS, 'trivy', 'manifest.json'), '--', process.execPath, CLI, 'scan', '--format', 'sarif'],
      { encoding: 'utf8', timeout: 300_000 },
    )
    expect(run.status, run.stderr).toBe(0)
    const score = JSON.parse(readFileSync(report, 'utf8')) as Score
    expect(score.crashes).toEqual([])
    expect(score.recall).toBeGreaterThanOrEqual(90)
    const engine = Object.entries(score.per_rule).filter(([id]) => ENGINE_RULES.includes(id)).map(([, s]) => s)
    const bad = engine.reduce((n, s) => n + s.bad, 0)
    const good = engine.reduce((n, s) => n + s.good, 0)
    expect(bad).toBeGreaterThan(10)
    expect(engine.reduce((n, s) => n + s.detected, 0) / bad).toBeGreaterThanOrEqual(0.9)
    expect(engine.reduce((n, s) => n + s.fp, 0) / good).toBeLessThanOrEqual(0.05)
  })
})
