import { describe, expect, it } from 'vitest'
import { formatRulebookError } from '../../src/rulebook/index.js'
import { scan } from '../../src/scan.js'
import { load, loadErrors, tempRepo } from './helpers.js'

/* Every name of a custom rule's field path is checked when the rulebook loads, at the column of the bad name. */

const RB = '.github/policygate.yml'

const rulebook = (match: string, where: string, after = '') =>
  `custom_rules:\n  - id: acme/x\n    title: t\n    severity: low\n    message: m\n    match: ${match}\n    where:\n${where}${after}`
/** The field's value starts at line 8, column 14. */
const fieldRule = (match: string, field: string) => rulebook(match, `      field: ${field}\n      exists: true\n`)

async function errorsOf(text: string): Promise<string[]> {
  return (await loadErrors({ [RB]: text })).map(formatRulebookError)
}

const POLICY_DOCUMENT_FIELDS = 'kind, owner, service, loc, version, statements, unknown, size'

describe('custom rule field paths: a misspelt name at any depth is a load error at that name', () => {
  it.each([
    ['iam.role', 'trst.statements', 14, "iam.role has no field 'trst'; did you mean 'trust'?"],
    ['iam.role', 'trust.statment', 20, `iam.role field 'trust.statment': PolicyDocument has no field 'statment'; did you mean 'statements'? (fields: ${POLICY_DOCUMENT_FIELDS})`],
    ['iam.role', 'trust.statements.princpals.type', 31, "iam.role field 'trust.statements.princpals.type': Statement has no field 'princpals'; did you mean 'principals'?"],
    ['iam.role', 'trust.statements.principals.tpye', 42, "iam.role field 'trust.statements.principals.tpye': PrincipalEntry has no field 'tpye'; did you mean 'type'? (fields: type, value)"],
    ['apigateway.method', 'api.endpointTyp', 18, "apigateway.method field 'api.endpointTyp': RestApi has no field 'endpointTyp'; did you mean 'endpointType'?"],
    ['apigateway.stage', 'api.policy.statements.conditions.kye', 47, "apigateway.stage field 'api.policy.statements.conditions.kye': Condition has no field 'kye'; did you mean 'key'?"],
    ['policy.statement', 'document.owner.adress', 29, "policy.statement field 'document.owner.adress': ResourceMeta has no field 'adress'; did you mean 'address'?"],
    ['cloudtrail.trail', 'bucket.publicAccessBlock.blockPublicAcl', 39, "cloudtrail.trail field 'bucket.publicAccessBlock.blockPublicAcl': PublicAccessBlock has no field 'blockPublicAcl'; did you mean 'blockPublicAcls'?"],
  ])('%s %s', async (match, field, column, message) => {
    const errors = await errorsOf(fieldRule(match, field))
    expect(errors).toHaveLength(1)
    expect(errors[0]!.startsWith(`${RB}:8:${column}: ${message}`), errors[0]).toBe(true)
  })

  it('a name nothing is close to lists the fields of the type it was looked up on, with no suggestion', async () => {
    expect(await errorsOf(fieldRule('iam.role', 'trust.xyzzy'))).toEqual([
      `${RB}:8:20: iam.role field 'trust.xyzzy': PolicyDocument has no field 'xyzzy' (fields: ${POLICY_DOCUMENT_FIELDS})`,
    ])
  })

  it('a name after a value (an Attr, a list of Attrs, a plain scalar) names nothing', async () => {
    expect(await errorsOf(fieldRule('iam.role', 'name.first'))).toEqual([
      `${RB}:8:19: iam.role field 'name.first': 'name' is Attr<string>, a value with no fields, so 'first' names nothing`,
    ])
    expect(await errorsOf(fieldRule('iam.role', 'trust.statements.actions.value'))).toEqual([
      `${RB}:8:39: iam.role field 'trust.statements.actions.value': 'trust.statements.actions' is Attr<string>[], a value with no fields, so 'value' names nothing`,
    ])
    expect(await errorsOf(fieldRule('policy.statement', 'document.kind.name'))).toEqual([
      `${RB}:8:28: policy.statement field 'document.kind.name': 'document.kind' is string, a value with no fields, so 'name' names nothing`,
    ])
  })

  it('the column accounts for quotes and flow mappings', async () => {
    for (const quoted of ['"trust.statment"', "'trust.statment'"]) {
      expect((await errorsOf(fieldRule('iam.role', quoted)))[0]).toMatch(new RegExp(`^${RB}:8:21: `))
    }
    const flow = `custom_rules:\n  - id: acme/x\n    title: t\n    severity: low\n    message: m\n    match: iam.role\n    where: { field: trust.statment, exists: true }\n`
    expect((await errorsOf(flow))[0]).toMatch(new RegExp(`^${RB}:7:27: iam\\.role field 'trust\\.statment'`))
  })

  it('every path of a condition tree is checked, each error at its own line', async () => {
    const where = `      all:
        - field: name
          matches: "^prod-"
        - field: trust.statements.efect
          equals: Allow
        - not:
            field: trust.statements.conditions.kye
            exists: true
`
    const errors = await errorsOf(rulebook('iam.role', where))
    expect(errors.map((e) => e.split(' ')[0])).toEqual([`${RB}:11:35:`, `${RB}:14:48:`])
    expect(errors[0]).toContain("Statement has no field 'efect'; did you mean 'effect'?")
    expect(errors[1]).toContain("Condition has no field 'kye'; did you mean 'key'?")
  })

  it('`at:` is checked the same way', async () => {
    const errors = await errorsOf(rulebook('iam.role', '      field: name\n      matches: x\n', '    at: trust.statments.effect\n'))
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^${RB}:10:15: iam\\.role field 'trust\\.statments\\.effect': PolicyDocument has no field 'statments'; did you mean 'statements'\\?`))])
  })
})

describe('custom rule field paths that name real fields', () => {
  it('load at every depth, through links and lists, for every kind', async () => {
    const valid: [string, string][] = [
      ['iam.role', 'trust.statements.principals.type'],
      ['iam.role', 'managedPolicies.policy.document.statements.actions'],
      ['iam.user', 'groups.group.inlinePolicies.statements.effect'],
      ['apigateway.method', 'api.endpointType'],
      ['apigateway.stage', 'methodSettings.stage.api.cors.allowOrigins'],
      ['apigateway.usage_plan', 'stages.api.policy.size'],
      ['cloudtrail.trail', 'bucket.policy.document.statements.conditions.values'],
      ['ec2.vpc', 'endpoints.securityGroups.ingress.cidrBlocks'],
      ['wafv2.web_acl', 'rules.managedRuleGroup.vendor'],
      ['policy.statement', 'document.owner.suppressions.ruleId'],
      ['policy.document', 'loc.startColumn'],
    ]
    for (const [match, field] of valid) await load({ [RB]: fieldRule(match, field) })
  })

  it('are read as before: lists fan out, Attrs are read through, links are followed', async () => {
    const rules = `custom_rules:
  - id: acme/aws-trust
    title: t
    severity: low
    message: m
    match: iam.role
    where: { field: trust.statements.principals.type, equals: AWS }
    at: trust.statements.principals.value
  - id: acme/edge-method
    title: t
    severity: low
    message: m
    match: apigateway.method
    where: { field: api.endpointType, equals: EDGE }
`
    const code = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } },
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } },
    ]
  })
}
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}
`
    const files = { [RB]: rules, 'main.tf': code }
    const repo = tempRepo(files)
    try {
      const findings = (await scan({ root: repo.dir, rulebook: await load(files) })).findings.filter((f) => f.ruleId.startsWith('acme/'))
      // The second statement's principal matches; `at:` points at the first value its path reaches; the method's finding at the API's defaulted endpoint type.
      expect(findings.map((f) => `${f.ruleId} ${f.resource?.address} ${f.loc.startLine}`).sort()).toEqual(['acme/aws-trust aws_iam_role.r 5', 'acme/edge-method aws_api_gateway_method.get 10'])
    } finally {
      repo.cleanup()
    }
  })
})
