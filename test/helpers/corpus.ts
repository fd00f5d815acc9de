import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { expect } from 'vitest'
import type { AwsModel } from '../../src/model/aws.js'
import { defaultRulebook } from '../../src/rulebook/index.js'
import { scan } from '../../src/scan.js'
import { corpusPath } from './corpus-dir.js'

// The labelled Trivy-derived corpus, scored the way ../shared/corpus/score.mjs does: each case alone in its
// own directory, disputed and source-broken cases skipped.
const corpusDir = corpusPath('trivy')

export interface CorpusCase {
  file: string
  kind: 'bad' | 'good'
  expect_any: string[]
  disputed?: string
  source_broken?: boolean
}

/** The undisputed, well-formed cases that expect one of the rules `ours` selects; none when the corpus is absent. */
export function corpusCases(ours: (ruleId: string) => boolean): CorpusCase[] {
  if (!existsSync(join(corpusDir, 'manifest.json'))) return []
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as { cases: CorpusCase[] }
  return manifest.cases.filter((c) => c.expect_any.some(ours) && !c.disputed && !c.source_broken)
}

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

/**
 * Scans every case, prints recall and false-positive rate under `label`, and asserts ≥ 90% recall with ≤ 5%
 * false positives. A good case that `badUnderCatalog` says our catalog calls bad is listed apart, not scored.
 */
export async function expectCorpusScore(label: string, cases: CorpusCase[], badUnderCatalog?: (c: CorpusCase, model: AwsModel) => boolean): Promise<void> {
  const misses: string[] = []
  const falsePositives: string[] = []
  const contradictCatalog: string[] = []
  for (const c of cases) {
    const { fired, model } = await scanCase(c.file)
    const hit = c.expect_any.some((id) => fired.has(id))
    if (c.kind === 'bad' && !hit) misses.push(`${c.file} (fired: ${[...fired].join(', ') || 'nothing'})`)
    if (c.kind === 'good' && hit) (badUnderCatalog?.(c, model) ? contradictCatalog : falsePositives).push(`${c.file} (${c.expect_any.filter((id) => fired.has(id)).join(', ')})`)
  }
  const bad = cases.filter((c) => c.kind === 'bad').length
  const good = cases.filter((c) => c.kind === 'good').length - contradictCatalog.length
  const recall = (bad - misses.length) / bad
  const falsePositiveRate = falsePositives.length / good
  console.log(
    `corpus (${label}): recall=${(recall * 100).toFixed(1)}% (${bad - misses.length}/${bad}) ` +
      `false_positive_rate=${(falsePositiveRate * 100).toFixed(1)}% (${falsePositives.length}/${good})` +
      (badUnderCatalog ? `; ${contradictCatalog.length} good cases are bad under rules.md and not scored: ${contradictCatalog.join('; ')}` : ''),
  )
  expect(bad).toBeGreaterThan(0)
  expect(recall, `missed: ${misses.join('; ')}`).toBeGreaterThanOrEqual(0.9)
  expect(falsePositiveRate, `false positives: ${falsePositives.join('; ')}`).toBeLessThanOrEqual(0.05)
}
