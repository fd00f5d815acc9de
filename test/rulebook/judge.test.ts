import { describe, expect, it } from 'vitest'
import { expiringSoon } from '../../src/rulebook/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { load, tempRepo } from './helpers.js'

const RB = '.github/policygate.yml'
const NOW = new Date('2025-03-10T12:00:00Z')

const admin = (name: string, comment = '') => `${comment}resource "aws_iam_policy" "${name}" {
  name   = "${name}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

async function scanWith(files: Record<string, string>): Promise<Finding[]> {
  const repo = tempRepo(files)
  try {
    const rulebook = await load(files)
    return (await scan({ root: repo.dir, rulebook, now: NOW })).findings
  } finally {
    repo.cleanup()
  }
}

const ofRule = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id)

describe('waivers', () => {
  const waiver = (expires: string) => `waivers:
  - rule: iam/full-admin
    resource: aws_iam_policy.break_glass
    reason: Break-glass policy, approved in SEC-142
    owner: security@example.com
    expires: "${expires}"
`

  it('a waiver hides the finding it names, and only that one', async () => {
    const findings = await scanWith({ [RB]: waiver('2025-12-31'), 'iam/main.tf': admin('break_glass') + admin('ops') })
    const admins = ofRule(findings, 'iam/full-admin')
    expect(admins.map((f) => [f.resource?.address, f.suppressed?.kind])).toEqual([
      ['aws_iam_policy.break_glass', 'waiver'],
      ['aws_iam_policy.ops', undefined],
    ])
    expect(admins[0]!.suppressed).toEqual({ kind: 'waiver', reason: 'Break-glass policy, approved in SEC-142', until: '2025-12-31', owner: 'security@example.com' })
    expect(ofRule(findings, 'rulebook/waiver-expired')).toEqual([])
  })

  it('an expired waiver brings the finding back and raises rulebook/waiver-expired at the waiver', async () => {
    const findings = await scanWith({ [RB]: waiver('2025-03-09'), 'iam/main.tf': admin('break_glass') })
    expect(ofRule(findings, 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    const expired = ofRule(findings, 'rulebook/waiver-expired')
    expect(expired).toHaveLength(1)
    expect(expired[0]).toMatchObject({ severity: 'high', loc: { file: RB, startLine: 2 } })
    expect(expired[0]!.message).toContain('expired on 2025-03-09')
    expect(expired[0]!.message).toContain('the 1 finding it hid is reported again')
  })

  it('a waiver is valid through its expiry day and is listed when it lapses within 14 days', async () => {
    const findings = await scanWith({ [RB]: waiver('2025-03-10'), 'iam/main.tf': admin('break_glass') })
    expect(ofRule(findings, 'iam/full-admin')[0]!.suppressed?.kind).toBe('waiver')
    expect(expiringSoon(findings, NOW).map((f) => f.resource?.address)).toEqual(['aws_iam_policy.break_glass'])
    expect(expiringSoon(findings, new Date('2025-02-01T00:00:00Z'))).toEqual([])
  })

  it('path globs waive whole directories', async () => {
    const findings = await scanWith({
      [RB]: 'waivers:\n  - rule: iam/*\n    path: legacy/**\n    reason: Legacy stack, being retired in Q3\n',
      'legacy/main.tf': admin('old'),
      'iam/main.tf': admin('new'),
    })
    expect(ofRule(findings, 'iam/full-admin').map((f) => [f.loc.file, f.suppressed?.kind])).toEqual([
      ['iam/main.tf', undefined],
      ['legacy/main.tf', 'waiver'],
    ])
  })

  it('a waiver must name a resource or a path and give a reason', async () => {
    const { loadErrors } = await import('./helpers.js')
    const errors = await loadErrors({ [RB]: 'waivers:\n  - rule: iam/full-admin\n    reason: "  "\n' })
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual(['3: waivers.0.reason: a waiver needs a written reason'])
    const scopeless = await loadErrors({ [RB]: 'waivers:\n  - rule: iam/full-admin\n    reason: everything\n' })
    expect(scopeless[0]!.message).toMatch(/a waiver names a resource or a path/)
  })
})

describe('inline suppressions', () => {
  it('a Terraform comment with a reason suppresses the finding of its resource', async () => {
    const findings = await scanWith({ 'main.tf': admin('break_glass', '# policygate:ignore iam/full-admin break-glass, approved in SEC-142 until 2025-03-20\n') + admin('ops') })
    expect(ofRule(findings, 'iam/full-admin').map((f) => [f.resource?.address, f.suppressed])).toEqual([
      ['aws_iam_policy.break_glass', { kind: 'inline', reason: 'break-glass, approved in SEC-142', until: '2025-03-20' }],
      ['aws_iam_policy.ops', undefined],
    ])
    expect(expiringSoon(findings, NOW)).toHaveLength(1)
  })

  it('without a reason it hides nothing and raises rulebook/waiver-no-reason', async () => {
    const findings = await scanWith({ 'main.tf': admin('break_glass', '# policygate:ignore iam/full-admin\n') })
    expect(ofRule(findings, 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(ofRule(findings, 'rulebook/waiver-no-reason').map((f) => [f.loc.startLine, f.severity, f.resource?.address])).toEqual([[1, 'medium', 'aws_iam_policy.break_glass']])
  })

  it('past its date it hides nothing and raises rulebook/waiver-expired', async () => {
    const findings = await scanWith({ 'main.tf': admin('break_glass', '# policygate:ignore iam/full-admin break-glass until 2025-01-31\n') })
    expect(ofRule(findings, 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(ofRule(findings, 'rulebook/waiver-expired').map((f) => f.loc.startLine)).toEqual([1])
  })

  it('a CloudFormation Metadata suppression applies to its resource', async () => {
    const template = `Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      policygate:
        ignore:
          - rule: iam/full-admin
            reason: break-glass policy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`
    const findings = await scanWith({ 'template.yaml': template })
    expect(ofRule(findings, 'iam/full-admin').map((f) => f.suppressed?.kind)).toEqual(['inline'])
  })

  it('the rulebook can turn the governance rules down like any rule', async () => {
    const findings = await scanWith({ [RB]: 'rules:\n  rulebook/waiver-no-reason: low\n', 'main.tf': admin('x', '# policygate:ignore iam/full-admin\n') })
    expect(ofRule(findings, 'rulebook/waiver-no-reason').map((f) => f.severity)).toEqual(['low'])
  })
})

describe('selecting and tuning', () => {
  it('disables whole areas, overrides severities and scopes rules to paths', async () => {
    const findings = await scanWith({
      [RB]: `rules:
  iam/*: off
  iam/full-admin:
    severity: medium
    paths:
      include: ["prod/**"]
      exclude: ["prod/sandbox/**"]
`,
      'prod/main.tf': admin('a'),
      'prod/sandbox/main.tf': admin('b'),
      'dev/main.tf': admin('c'),
    })
    expect(findings.filter((f) => f.ruleId.startsWith('iam/')).map((f) => [f.ruleId, f.loc.file, f.severity])).toEqual([['iam/full-admin', 'prod/main.tf', 'medium']])
  })

  it('sets params for every rule that declares them', async () => {
    const files = { [RB]: 'params:\n  critical_actions: ["s3:GetObject"]\n', 'main.tf': admin('x') }
    const rulebook = await load(files)
    expect(rulebook.rules.find((r) => r.rule.id === 'iam/critical-action-granted')!.params).toEqual({ critical_actions: ['s3:GetObject'] })
  })
})
