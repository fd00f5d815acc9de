import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultRulebook } from '../../src/rulebook/index.js'
import { scan } from '../../src/scan.js'

// The labelled Trivy-derived corpus, scored for the IAM policy-content rules as ../shared/corpus/score.mjs
// does: each case alone in its own directory, disputed and broken cases skipped.
const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/trivy')
const POLICY_CONTENT_RULES = new Set([
  'iam/full-admin', 'iam/service-wildcard-action', 'iam/wildcard-resource-write', 'iam/not-action-allow', 'iam/not-resource-allow',
  'iam/privilege-escalation', 'iam/passrole-unrestricted', 'iam/credentials-exposure', 'iam/resource-exposure', 'iam/data-exfiltration',
  'iam/unknown-action', 'iam/invalid-condition', 'iam/resource-mismatch', 'iam/invalid-policy', 'iam/redundant-statement',
  'iam/access-widened', 'iam/critical-action-granted',
])

interface Case {
  file: string
  kind: 'bad' | 'good'
  expect_any: string[]
  disputed?: string
  source_broken?: boolean
}

const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { cases: Case[] }
const cases = manifest.cases.filter((c) => c.expect_any.some((id) => POLICY_CONTENT_RULES.has(id)) && !c.disputed && !c.source_broken)

async function firedRules(file: string): Promise<Set<string>> {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-iam-corpus-'))
  try {
    copyFileSync(join(corpusDir, file), join(dir, basename(file)))
    const result = await scan({ root: dir, rulebook: defaultRulebook() })
    return new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.ruleId))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('Trivy corpus: IAM policy-content rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    const misses: string[] = []
    const falsePositives: string[] = []
    for (const c of cases) {
      const fired = await firedRules(c.file)
      const hit = c.expect_any.some((id) => fired.has(id))
      if (c.kind === 'bad' && !hit) misses.push(`${c.file} (fired: ${[...fired].join(', ') || 'nothing'})`)
      if (c.kind === 'good' && hit) falsePositives.push(`${c.file} (${c.expect_any.filter((id) => fired.has(id)).join(', ')})`)
    }
    const bad = cases.filter((c) => c.kind === 'bad').length
    const good = cases.filter((c) => c.kind === 'good').length
    const recall = (bad - misses.length) / bad
    const falsePositiveRate = falsePositives.length / good
    console.log(`corpus (iam policy content): recall=${(recall * 100).toFixed(1)}% (${bad - misses.length}/${bad}) false_positive_rate=${(falsePositiveRate * 100).toFixed(1)}% (${falsePositives.length}/${good})`)
    expect(bad).toBeGreaterThan(0)
    expect(recall, `missed: ${misses.join('; ')}`).toBeGreaterThanOrEqual(0.9)
    expect(falsePositiveRate, `false positives: ${falsePositives.join('; ')}`).toBeLessThanOrEqual(0.05)
  }, 120_000)
})
