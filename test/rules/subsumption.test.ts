import { describe, expect, it } from 'vitest'
import { toSarif } from '../../src/report/sarif.js'
import { builtinRules } from '../../src/rules/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan, type ScanResult } from '../../src/scan.js'
import { load, tempRepo } from '../rulebook/helpers.js'

// A finding another one already says is folded into it: listed in its details, not reported on its own.

const RB = '.github/policygate.yml'

const ADMIN = `resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
`

const LOGS = `resource "aws_iam_policy" "logs" {
  name = "logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:*", "s3:PutBucketPolicy"]
      Resource = "*"
    }]
  })
}
`

async function scanResult(files: Record<string, string>): Promise<ScanResult> {
  const repo = tempRepo(files)
  try {
    return await scan({ root: repo.dir, rulebook: await load(files), parseWorkers: 0 })
  } finally {
    repo.cleanup()
  }
}

const scanWith = async (files: Record<string, string>): Promise<Finding[]> => (await scanResult(files)).findings

const rulesAt = (findings: Finding[]) => findings.filter((f) => !f.suppressed).map((f) => `${f.loc.startLine} ${f.ruleId}`).sort()

describe('subsumption', () => {
  it('`*` on `*` is one full-admin finding that lists what it folds, with where it was when elsewhere', async () => {
    const findings = await scanWith({ 'main.tf': ADMIN })
    expect(rulesAt(findings)).toEqual(['7 iam/full-admin'])
    const [admin] = findings
    expect(admin!.subsumed).toEqual(expect.arrayContaining(['iam/service-wildcard-action', 'iam/critical-action-granted', 'iam/wildcard-resource-write']))
    expect(admin!.details).toContainEqual(expect.stringMatching(/^also: .*\(iam\/critical-action-granted\)$/))
    expect(admin!.details).toContainEqual(expect.stringMatching(/^also: .*\(iam\/wildcard-resource-write, line 8\)$/))
    expect(admin!.details).toHaveLength(admin!.subsumed!.length)
  })

  it('when the rulebook turns the subsuming rule off, the others report, folding by their own declarations', async () => {
    const findings = await scanWith({ [RB]: 'rules:\n  iam/full-admin: off\n', 'main.tf': ADMIN })
    // The `*` entry's wildcard finding now carries the reserved actions it grants; the Resource stands on its own.
    expect(rulesAt(findings)).toEqual(['7 iam/service-wildcard-action', '8 iam/wildcard-resource-write'])
    expect(findings.find((f) => f.ruleId === 'iam/service-wildcard-action')!.subsumed).toEqual(['iam/critical-action-granted'])
    expect(findings.find((f) => f.ruleId === 'iam/wildcard-resource-write')!.subsumed).toBeUndefined()
  })

  it('a waived finding hides nothing: what it would fold reports on its own', async () => {
    const waiver = 'waivers:\n  - rule: iam/full-admin\n    resource: aws_iam_policy.ops\n    reason: Break-glass, SEC-1\n'
    const findings = await scanWith({ [RB]: waiver, 'main.tf': ADMIN })
    expect(findings.find((f) => f.ruleId === 'iam/full-admin')?.suppressed?.kind).toBe('waiver')
    expect(rulesAt(findings)).toEqual(expect.arrayContaining(['7 iam/service-wildcard-action', '8 iam/wildcard-resource-write']))
  })

  it('an entry-level subsumption folds only what is reported at that entry', async () => {
    const findings = await scanWith({ 'main.tf': LOGS })
    const active = rulesAt(findings)
    // logs:* folds its own exposure and exfiltration; s3:PutBucketPolicy's exposure is another entry and stands.
    expect(active).toContain('7 iam/service-wildcard-action')
    expect(active.filter((f) => f === '7 iam/resource-exposure')).toHaveLength(1)
    const wildcard = findings.find((f) => f.ruleId === 'iam/service-wildcard-action')!
    expect(wildcard.subsumed).toEqual(expect.arrayContaining(['iam/resource-exposure', 'iam/data-exfiltration']))
    expect(findings.find((f) => f.ruleId === 'iam/resource-exposure')!.element).toContain('s3:PutBucketPolicy')
  })

  it('a subsumer the rulebook made less severe than what it would fold leaves it standing', async () => {
    const findings = await scanWith({ [RB]: 'rules:\n  iam/full-admin: low\n', 'main.tf': ADMIN })
    const admin = findings.find((f) => f.ruleId === 'iam/full-admin')!
    expect(admin.severity).toBe('low')
    expect(rulesAt(findings)).toEqual(expect.arrayContaining(['7 iam/service-wildcard-action', '8 iam/wildcard-resource-write']))
  })

  it('SARIF: one result for the folded finding, its message holding the others and their rules listed in `subsumed`', async () => {
    const sarif = toSarif(await scanResult({ 'main.tf': ADMIN }), { toolVersion: 'test', rules: builtinRules })
    const results = sarif.runs[0]!.results!
    expect(results.map((r) => r.ruleId)).toEqual(['iam/full-admin'])
    expect(results[0]!.properties!.subsumed).toEqual(expect.arrayContaining(['iam/service-wildcard-action', 'iam/wildcard-resource-write']))
    expect(results[0]!.message.text).toMatch(/\n- also: .*\(iam\/wildcard-resource-write, line 8\)/)
  })
})
