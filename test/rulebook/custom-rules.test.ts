import { describe, expect, it } from 'vitest'
import { compileRegex } from '../../src/rulebook/custom/regex.js'
import { formatRulebookError } from '../../src/rulebook/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { load, loadErrors, tempRepo } from './helpers.js'

const RB = '.github/policygate.yml'

async function findingsOf(rulebookText: string, files: Record<string, string>, extra: Record<string, string> = {}): Promise<Finding[]> {
  const all = { [RB]: rulebookText, ...files, ...extra }
  const repo = tempRepo(all)
  try {
    return (await scan({ root: repo.dir, rulebook: await load(all) })).findings
  } finally {
    repo.cleanup()
  }
}

const only = (rules: string) => `custom_rules:\n${rules}`
const lines = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id).map((f) => `${f.loc.file}:${f.loc.startLine}`)

const TRAILS = `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "logs"
  is_multi_region_trail = false
}

resource "aws_cloudtrail" "audit" {
  name                  = "audit-trail"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
}
`

describe('custom rules over the model', () => {
  it('field conditions: equals, matches, in, not, all/any, exists — reported at the element that made them true', async () => {
    const findings = await findingsOf(
      only(`  - id: acme/single-region-org-trail
    title: Organization trails cover every region
    severity: high
    message: "{resource} records one region only"
    match: cloudtrail.trail
    where:
      all:
        - field: name
          matches: "^org-"
        - field: isMultiRegion
          equals: false
  - id: acme/trail-name-in-list
    title: Trails are named by convention
    severity: low
    message: unexpected trail name
    match: cloudtrail.trail
    where:
      not:
        field: name
        in: [org-trail]
  - id: acme/trail-without-kms
    title: Trails are encrypted
    severity: low
    message: no KMS key
    match: cloudtrail.trail
    where:
      any:
        - field: kmsKeyId
          exists: false
`),
      { 'main.tf': TRAILS },
    )
    expect(lines(findings, 'acme/single-region-org-trail')).toEqual(['main.tf:4'])
    expect(findings.find((f) => f.ruleId === 'acme/single-region-org-trail')).toMatchObject({ severity: 'high', message: 'aws_cloudtrail.main records one region only', resource: { address: 'aws_cloudtrail.main' } })
    expect(lines(findings, 'acme/trail-name-in-list')).toEqual(['main.tf:7'])
    expect(lines(findings, 'acme/trail-without-kms')).toEqual(['main.tf:1', 'main.tf:7'])
  })

  it('IAM predicates: allows an action after expansion, grants an access level, has a condition key', async () => {
    const policy = `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:Pass*", "iam:PutRolePolicy"], Resource = "*" },
      { Effect = "Allow", Action = ["sts:AssumeRole"], Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc" } } },
    ]
  })
}
`
    const findings = await findingsOf(
      only(`  - id: acme/passrole
    title: PassRole is granted
    severity: high
    message: grants iam:PassRole
    match: policy.statement
    where:
      allows_action: iam:PassRole
  - id: acme/permissions-management
    title: Grants permissions management
    severity: high
    message: permissions management
    match: iam.policy
    where:
      grants_access_level: Permissions management
  - id: acme/org-scoped
    title: Org-scoped statement
    severity: info
    message: scoped to the organization
    match: policy.statement
    where:
      has_condition_key: aws:principalorgid
`),
      { 'main.tf': policy },
    )
    expect(lines(findings, 'acme/passrole')).toEqual(['main.tf:7'])
    expect(findings.find((f) => f.ruleId === 'acme/passrole')!.element).toBe('Statement[#1]')
    expect(lines(findings, 'acme/permissions-management')).toEqual(['main.tf:7'])
    expect(lines(findings, 'acme/org-scoped')).toEqual(['main.tf:8'])
  })

  it('principal predicates: public, cross-account (outside trusted_accounts), service', async () => {
    const role = (name: string, principal: string) => `resource "aws_iam_role" "${name}" {
  name = "${name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = ${principal} }]
  })
}
`
    const code = [role('partner', '{ AWS = "arn:aws:iam::999988887777:root" }'), role('own', '{ AWS = "arn:aws:iam::111122223333:root" }'), role('lambda', '{ Service = "lambda.amazonaws.com" }'), role('anyone', '"*"')].join('\n')
    const findings = await findingsOf(
      `params:\n  trusted_accounts: ["111122223333"]\n` +
        only(`  - id: acme/foreign-trust
    title: Trusted by a foreign account
    severity: high
    message: foreign account
    match: iam.role
    where: { principal: cross_account }
  - id: acme/service-role
    title: Service role
    severity: info
    message: service
    match: iam.role
    where: { principal: service }
  - id: acme/public-trust
    title: Public trust
    severity: critical
    message: anyone
    match: policy.statement
    where:
      all:
        - field: document.kind
          equals: trust
        - principal: public
`),
      { 'main.tf': code },
    )
    expect(findings.filter((f) => f.ruleId === 'acme/foreign-trust').map((f) => f.resource?.address)).toEqual(['aws_iam_role.partner'])
    expect(findings.filter((f) => f.ruleId === 'acme/service-role').map((f) => f.resource?.address)).toEqual(['aws_iam_role.lambda'])
    expect(findings.filter((f) => f.ruleId === 'acme/public-trust').map((f) => f.resource?.address)).toEqual(['aws_iam_role.anyone'])
  })

  it('principal: service reads Lambda permission principals as lambda/permission-unscoped does (China partition included)', async () => {
    const permission = (name: string, principal: string) => `resource "aws_lambda_permission" "${name}" {
  action        = "lambda:InvokeFunction"
  function_name = "fn"
  principal     = "${principal}"
}
`
    const code = [permission('events', 'events.amazonaws.com.cn'), permission('account', '111122223333')].join('\n')
    const findings = await findingsOf(
      only(`  - id: acme/service-invoke
    title: Invoked by a service
    severity: info
    message: service
    match: lambda.permission
    where: { principal: service }
`),
      { 'main.tf': code },
    )
    expect(findings.filter((f) => f.ruleId === 'acme/service-invoke').map((f) => f.resource?.address)).toEqual(['aws_lambda_permission.events'])
  })

  it('a custom rule of a rule pack under policies/ can be tuned and scoped like a built-in one', async () => {
    const findings = await findingsOf(
      `custom_rule_files: [policies/acme.yml]\nrules:\n  "*": off\n  acme/single-region:\n    severity: critical\n    paths:\n      exclude: ["sandbox/**"]\n`,
      { 'main.tf': TRAILS, 'sandbox/main.tf': TRAILS },
      {
        'policies/acme.yml': `custom_rules:
  - id: acme/single-region
    title: Trails cover every region
    severity: low
    message: one region
    match: cloudtrail.trail
    where: { field: isMultiRegion, equals: false }
`,
      },
    )
    expect(findings.filter((f) => f.ruleId === 'acme/single-region').map((f) => `${f.loc.file}:${f.loc.startLine}:${f.severity}`)).toEqual(['main.tf:4:critical'])
  })

  it('an unknown value never makes a custom rule fire, in either direction', async () => {
    const code = `variable "multi" {}
resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "logs"
  is_multi_region_trail = var.multi
}
`
    const findings = await findingsOf(
      only(`  - id: acme/single
    title: t
    severity: low
    message: m
    match: cloudtrail.trail
    where: { field: isMultiRegion, equals: false }
  - id: acme/not-multi
    title: t
    severity: low
    message: m
    match: cloudtrail.trail
    where: { not: { field: isMultiRegion, equals: true } }
`),
      { 'main.tf': code },
    )
    expect(findings.filter((f) => f.ruleId.startsWith('acme/'))).toEqual([])
  })
})

describe('custom rule mistakes are load errors with positions', () => {
  const rule = (where: string, match = 'cloudtrail.trail') => `custom_rules:
  - id: acme/x
    title: t
    severity: low
    message: m
    match: ${match}
    where:
${where}`

  it('unknown kinds, fields and operators are named, with the nearest valid one', async () => {
    expect((await loadErrors({ [RB]: rule('      field: name\n      equals: x\n', 'cloudtrail.trial') })).map(formatRulebookError)).toEqual([
      `${RB}:6:12: custom_rules.0.match: 'cloudtrail.trial' is not one of ${(await import('../../src/rulebook/custom/kinds.js')).KIND_NAMES.join(', ')}; did you mean 'cloudtrail.trail'?`,
    ])
    const field = await loadErrors({ [RB]: rule('      field: isMultiregion\n      equals: false\n') })
    expect(formatRulebookError(field[0]!)).toMatch(new RegExp(`^${RB.replaceAll('.', '\\.')}:8:14: cloudtrail\\.trail has no field 'isMultiregion'; did you mean 'isMultiRegion'\\?`))
    const operator = await loadErrors({ [RB]: rule('      field: name\n      equal: x\n') })
    expect(operator.map(formatRulebookError)).toContain(`${RB}:9:7: custom_rules.0.where: unknown key 'equal'; did you mean 'equals'?`)
  })

  it('a field condition takes exactly one operator; IAM predicates need an IAM-aware kind', async () => {
    const two = await loadErrors({ [RB]: rule('      field: name\n      equals: x\n      exists: true\n') })
    expect(two.map((e) => e.message)).toContain('custom_rules.0.where: a field condition has `field` and exactly one of equals, in, matches, exists, less_than, greater_than')
    const predicate = await loadErrors({ [RB]: rule('      allows_action: iam:PassRole\n') })
    expect(predicate.map(formatRulebookError)).toEqual([`${RB}:8:22: allows_action applies to IAM-aware kinds only; cloudtrail.trail is not one`])
    const typo = await loadErrors({ [RB]: rule('      allows_action: iam:PasRole\n', 'policy.statement') })
    expect(typo.map((e) => e.message)).toEqual(['iam:PasRole matches no AWS action'])
  })

  it('a custom rule cannot take a built-in ID', async () => {
    const errors = await loadErrors({ [RB]: rule('      field: name\n      equals: x\n').replace('acme/x', 'iam/full-admin') })
    expect(errors.map((e) => e.message)).toEqual(["custom rule 'iam/full-admin' has the ID of a built-in rule; choose another area (your organization's name)"])
  })

  it('a regular expression with backtracking-only syntax is rejected where it is written', async () => {
    const errors = await loadErrors({ [RB]: rule('      field: name\n      matches: "(?=org)"\n') })
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['9:16'])
    expect(errors[0]!.message).toMatch(/^invalid regular expression \(RE2 syntax\)/)
  })
})

describe('regular expressions cannot hang a scan', () => {
  it('a catastrophic pattern on a long input finishes in linear time', () => {
    const regex = compileRegex('^(a+)+$')
    if ('error' in regex) throw new Error(regex.error)
    const input = `${'a'.repeat(100_000)}!`
    const started = performance.now()
    expect(regex.test(input)).toBe(false)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('through a whole scan, a custom rule with (a|a)*$ over a long name returns promptly', async () => {
    const longName = 'a'.repeat(50_000)
    const started = performance.now()
    const findings = await findingsOf(
      only(`  - id: acme/evil
    title: t
    severity: low
    message: m
    match: cloudtrail.trail
    where: { field: name, matches: "^(a|a)*b$" }
`),
      { 'main.tf': `resource "aws_cloudtrail" "main" {\n  name           = "${longName}"\n  s3_bucket_name = "logs"\n}\n` },
    )
    expect(findings.filter((f) => f.ruleId === 'acme/evil')).toEqual([])
    expect(performance.now() - started).toBeLessThan(20_000)
  })
})
