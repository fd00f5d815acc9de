import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { AwsModel } from '../../src/model/aws.js'
import { defaultRulebook } from '../../src/rulebook/index.js'
import { scan } from '../../src/scan.js'

// The labelled Trivy-derived corpus, scored for the CloudTrail, Config, monitoring, VPC endpoint, secrets and
// S3 public-access-block rules the way ../shared/corpus/score.mjs does: each case alone in its own directory,
// disputed and source-broken cases skipped.
const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/trivy')
const OUR_RULES = /^(trail|config|monitoring|vpce|secrets|s3)\//

interface Case {
  file: string
  kind: 'bad' | 'good'
  expect_any: string[]
  disputed?: string
  source_broken?: boolean
}

const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { cases: Case[] }
const cases = manifest.cases.filter((c) => c.expect_any.some((id) => OUR_RULES.test(id)) && !c.disputed && !c.source_broken)

async function scanCase(file: string): Promise<{ fired: Set<string>; model: AwsModel }> {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-corpus-'))
  try {
    copyFileSync(join(corpusDir, file), join(dir, basename(file)))
    const result = await scan({ root: dir, rulebook: defaultRulebook() })
    return { fired: new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.ruleId)), model: result.model }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const PAB_SETTINGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'] as const

/**
 * rules.md defines s3/public-access-block-missing as "without a public access block that turns on all four
 * settings"; Trivy's per-setting checks call a bucket good when their one setting is on. Such a good case is
 * bad under our catalog (the kind of case the manifest marks `disputed`): judged here from the scanned model,
 * by the catalog's wording, and reported apart instead of counted as a false positive.
 */
function badUnderCatalog(c: Case, model: AwsModel): boolean {
  if (!c.expect_any.includes('s3/public-access-block-missing')) return false
  const on = (setting: (typeof PAB_SETTINGS)[number], bucket: AwsModel['s3']['buckets'][number]) =>
    bucket.publicAccessBlock?.[setting].value === true || model.s3.accountPublicAccessBlocks.some((block) => block[setting].value === true)
  return model.s3.buckets.some((bucket) => PAB_SETTINGS.some((setting) => !on(setting, bucket)))
}

describe('Trivy corpus: trail, config, monitoring, vpce, secrets and s3 rules', () => {
  it('detects ≥ 90% of bad cases with ≤ 5% false positives on good ones', async () => {
    const misses: string[] = []
    const falsePositives: string[] = []
    const contradictCatalog: string[] = []
    for (const c of cases) {
      const { fired, model } = await scanCase(c.file)
      const hit = c.expect_any.some((id) => fired.has(id))
      if (c.kind === 'bad' && !hit) misses.push(`${c.file} (fired: ${[...fired].join(', ') || 'nothing'})`)
      if (c.kind === 'good' && hit) (badUnderCatalog(c, model) ? contradictCatalog : falsePositives).push(`${c.file} (${c.expect_any.filter((id) => fired.has(id)).join(', ')})`)
    }
    const bad = cases.filter((c) => c.kind === 'bad').length
    const good = cases.filter((c) => c.kind === 'good').length - contradictCatalog.length
    const recall = (bad - misses.length) / bad
    const falsePositiveRate = falsePositives.length / good
    console.log(
      `corpus (trail/config/monitoring/vpce/secrets/s3): recall=${(recall * 100).toFixed(1)}% (${bad - misses.length}/${bad}) ` +
        `false_positive_rate=${(falsePositiveRate * 100).toFixed(1)}% (${falsePositives.length}/${good}); ` +
        `${contradictCatalog.length} good cases are bad under rules.md and not scored: ${contradictCatalog.join('; ')}`,
    )
    expect(bad).toBeGreaterThan(0)
    expect(recall, `missed: ${misses.join('; ')}`).toBeGreaterThanOrEqual(0.9)
    expect(falsePositiveRate, `false positives: ${falsePositives.join('; ')}`).toBeLessThanOrEqual(0.05)
  }, 300_000)
})
