import { describe, expect, it } from 'vitest'
import { formatRulebookError } from '../../src/rulebook/index.js'
import { scan } from '../../src/scan.js'
import { load, loadErrors, tempRepo } from './helpers.js'

/* A field condition's operator (and its values) must fit what the path ends at, or the rulebook does not load. */

const RB = '.github/policygate.yml'

const rulebook = (match: string, where: string) => `custom_rules:\n  - id: acme/x\n    title: t\n    severity: low\n    message: m\n    match: ${match}\n    where:\n${where}`
/** The operator's key is at line 9, column 7; its value starts after `operator: `. */
const condition = (match: string, field: string, operator: string) => rulebook(match, `      field: ${field}\n      ${operator}\n`)

async function errorsOf(text: string): Promise<string[]> {
  return (await loadErrors({ [RB]: text })).map(formatRulebookError)
}

describe('an operator that cannot apply to what the path ends at is a load error at the operator', () => {
  it.each([
    ['iam.password_policy', 'minimumLength', 'matches: "^1"', "iam.password_policy field 'minimumLength' ends at Attr<number>: matches applies to strings only; operators that fit: equals, in, less_than, greater_than"],
    ['iam.role', 'trust', 'matches: x', "iam.role field 'trust' ends at PolicyDocument: matches compares values, not objects; operators that fit: exists"],
    ['iam.role', 'inlinePolicies', 'equals: x', "iam.role field 'inlinePolicies' ends at PolicyDocument[]: equals compares values, not objects; operators that fit: exists"],
    ['iam.role', 'name', 'less_than: 5', "iam.role field 'name' ends at Attr<string>: less_than compares numbers only; operators that fit: equals, in, matches"],
    ['cloudtrail.trail', 'isMultiRegion', 'greater_than: 0', "cloudtrail.trail field 'isMultiRegion' ends at Attr<boolean>: greater_than compares numbers only; operators that fit: equals, in"],
    ['policy.document', 'unknown', 'equals: x', "policy.document field 'unknown' ends at Unknown: equals cannot compare a value the source does not determine; operators that fit: exists"],
    ['iam.role', 'name', 'exists: true', "iam.role field 'name' ends at Attr<string>, which every iam.role has, so exists: true would always hold; operators that fit: equals, in, matches"],
    ['policy.statement', 'document.kind', 'exists: false', "policy.statement field 'document.kind' ends at string, which every policy.statement has, so exists: false would never hold; operators that fit: equals, in, matches"],
    ['policy.document', 'owner', 'exists: true', "policy.document field 'owner' ends at ResourceMeta, which every policy.document has, so exists: true would always hold; no operator fits it; name one of its fields"],
  ])('%s %s %s', async (match, field, operator, message) => {
    expect(await errorsOf(condition(match, field, operator))).toEqual([`${RB}:9:7: ${message}`])
  })
})

describe('a value of the wrong type is a load error at that value', () => {
  it.each([
    ['iam.role', 'name', 'equals: 5', 15, `iam.role field 'name' ends at Attr<string>: equals needs a string, got the number 5 (quote it: "5")`],
    ['iam.role', 'name', 'equals: true', 15, `iam.role field 'name' ends at Attr<string>: equals needs a string, got the boolean true (quote it: "true")`],
    ['iam.password_policy', 'minimumLength', 'equals: "8"', 15, "iam.password_policy field 'minimumLength' ends at Attr<number>: equals needs a number, got the string '8' (write it without quotes)"],
    ['iam.password_policy', 'minimumLength', 'equals: eight', 15, "iam.password_policy field 'minimumLength' ends at Attr<number>: equals needs a number, got the string 'eight'"],
    ['cloudtrail.trail', 'isMultiRegion', "equals: 'false'", 15, "cloudtrail.trail field 'isMultiRegion' ends at Attr<boolean>: equals needs true or false, got the string 'false' (write it without quotes)"],
    ['policy.statement', 'effect', 'in: [Allow, 5]', 19, `policy.statement field 'effect' ends at Attr<string>: in needs a string, got the number 5 (quote it: "5")`],
    ['ec2.security_group', 'ingress.fromPort', 'in: [22, "3389"]', 16, "ec2.security_group field 'ingress.fromPort' ends at Attr<number>: in needs a number, got the string '3389' (write it without quotes)"],
  ])('%s %s %s', async (match, field, operator, column, message) => {
    expect(await errorsOf(condition(match, field, operator))).toEqual([`${RB}:9:${column}: ${message}`])
  })

  it('an element of a block list is pointed at on its own line', async () => {
    const errors = await errorsOf(rulebook('policy.statement', '      field: effect\n      in:\n        - Allow\n        - 5\n'))
    expect(errors.map((e) => e.split(': ')[0])).toEqual([`${RB}:11:11`])
  })
})

describe('operator mismatches anywhere in a condition tree', () => {
  it('each is reported at its own line, in flow mappings too', async () => {
    const where = `      all:
        - field: name
          matches: "^prod-"
        - not: { field: permissionsBoundary, equals: 5 }
        - any:
            - field: trust.statements.effect
              less_than: 1
`
    const errors = await errorsOf(rulebook('iam.role', where))
    expect(errors.map((e) => e.split(' ')[0])).toEqual([`${RB}:11:54:`, `${RB}:14:15:`])
    expect(errors[0]).toContain("field 'permissionsBoundary' ends at Attr<string>: equals needs a string, got the number 5")
    expect(errors[1]).toContain("field 'trust.statements.effect' ends at Attr<string>: less_than compares numbers only")
  })
})

describe('what fits loads', () => {
  it('exists on optional fields, optional objects, lists and through them; equals and in of the right types; matches over lists of strings', async () => {
    const fitting: [string, string, string][] = [
      ['iam.role', 'permissionsBoundary', 'exists: false'],
      ['iam.role', 'trust', 'exists: true'],
      ['iam.role', 'inlinePolicies', 'exists: false'],
      ['s3.bucket', 'publicAccessBlock.blockPublicAcls', 'exists: false'],
      ['policy.statement', 'sid', 'exists: true'],
      ['policy.document', 'unknown', 'exists: true'],
      ['cloudtrail.trail', 'isMultiRegion', 'equals: false'],
      ['cloudtrail.trail', 'isMultiRegion', 'in: [false]'],
      ['iam.password_policy', 'minimumLength', 'less_than: 14'],
      ['iam.password_policy', 'maxAge', 'greater_than: 90'],
      ['ec2.security_group', 'ingress.fromPort', 'in: [22, 3389]'],
      ['policy.statement', 'document.kind', 'in: [trust, scp]'],
      ['policy.statement', 'actions', 'matches: "^iam:"'],
      ['policy.document', 'size', 'greater_than: 6000'],
    ]
    for (const [match, field, operator] of fitting) await load({ [RB]: condition(match, field, operator) })
  })

  it('numbers compare numerically and booleans by value', async () => {
    const rules = `custom_rules:
  - id: acme/short-passwords
    title: t
    severity: low
    message: m
    match: iam.password_policy
    where: { field: minimumLength, less_than: 14 }
  - id: acme/exactly-eight
    title: t
    severity: low
    message: m
    match: iam.password_policy
    where: { field: minimumLength, equals: 8 }
  - id: acme/no-symbols
    title: t
    severity: low
    message: m
    match: iam.password_policy
    where: { field: requireSymbols, equals: false }
`
    const code = `resource "aws_iam_account_password_policy" "p" {
  minimum_password_length = 8
  require_symbols         = true
}
`
    const files = { [RB]: rules, 'main.tf': code }
    const repo = tempRepo(files)
    try {
      const findings = (await scan({ root: repo.dir, rulebook: await load(files) })).findings.filter((f) => f.ruleId.startsWith('acme/'))
      expect(findings.map((f) => `${f.ruleId} ${f.loc.startLine}`).sort()).toEqual(['acme/exactly-eight 2', 'acme/short-passwords 2'])
    } finally {
      repo.cleanup()
    }
  })
})
