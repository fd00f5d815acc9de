import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { builtinRules } from '../../src/rules/index.js'
import { defaultConfiguration, runRules } from '../../src/rules/run.js'
import { attr } from '../../src/model/source.js'
import { customerPolicy, doc, loc, meta, model } from './model.js'

/*
 * Conditions and resources only ever take access away. For random identity policies, adding a
 * condition to an Allow, or narrowing one of its Resource entries, never adds a finding of a rule
 * about what is granted, nor raises one's severity. `*` actions are left out: a narrowed administrator
 * is no longer iam/full-admin's, and the rules full-admin stands in for then speak (a subsumption, not more access).
 */

const CONTENT_RULES = new Set([
  'iam/full-admin', 'iam/service-wildcard-action', 'iam/wildcard-resource-write', 'iam/not-action-allow', 'iam/not-resource-allow', 'iam/privilege-escalation',
  'iam/passrole-unrestricted', 'iam/credentials-exposure', 'iam/resource-exposure', 'iam/data-exfiltration', 'iam/critical-action-granted',
])
const configured = defaultConfiguration(builtinRules).filter((c) => CONTENT_RULES.has(c.rule.id))

const ACTIONS = [
  'iam:PassRole', 'iam:CreateAccessKey', 'iam:AttachRolePolicy', 'iam:Put*', 's3:*', 's3:GetObject', 's3:Put*', 'lambda:CreateFunction', 'lambda:InvokeFunction',
  'lambda:UpdateFunctionCode', 'ec2:RunInstances', 'ec2:*', 'codebuild:StartBuild', 'secretsmanager:GetSecretValue', 'sts:AssumeRole', 'kms:Decrypt',
  'cloudtrail:StopLogging', 'dynamodb:Scan', 'ssm:SendCommand', 'datapipeline:*',
]
/** Each resource and the narrower ones it can become. */
const NARROWER: Record<string, string[]> = {
  '*': ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/app', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:lambda:eu-west-1:111122223333:function:*', 'arn:aws:iam::*:user/${aws:username}', 'arn:aws:codebuild:eu-west-1:111122223333:project/site'],
  'arn:aws:iam::111122223333:role/*': ['arn:aws:iam::111122223333:role/app', 'arn:aws:iam::111122223333:role/app-*'],
  'arn:aws:s3:::b/*': ['arn:aws:s3:::b/reports/*'],
  'arn:aws:lambda:eu-west-1:111122223333:function:*': ['arn:aws:lambda:eu-west-1:111122223333:function:f'],
  'arn:aws:iam::111122223333:user/*': ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::111122223333:user/ci'],
}
const RESOURCES = [...new Set([...Object.keys(NARROWER), ...Object.values(NARROWER).flat()])]
const CONDITIONS: Record<string, Record<string, string | string[]>>[] = [
  { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
  { StringEquals: { 'iam:PassedToService': 'application-autoscaling.amazonaws.com' } },
  { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
  { StringEquals: { 'aws:ResourceTag/team': 'web' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { ArnLike: { 'iam:AssociatedResourceARN': 'arn:aws:ec2:*:*:instance/*' } },
]

type Generated = {
  Effect: 'Allow' | 'Deny'
  Action: string[]
  Resource: string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

const statement = fc.record({
  Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Deny'),
  Action: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 4 }),
  Resource: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
  Condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
})

function findings(statements: Generated[]): Map<string, number> {
  const aws = model()
  customerPolicy(aws, 'p', doc(statements.map((s) => (s.Condition ? s : { Effect: s.Effect, Action: s.Action, Resource: s.Resource }))))
  const weights = new Map<string, number>()
  for (const finding of runRules(aws, configured).findings) {
    // A critical finding counts more than a high one: lowering a severity is fine, raising is not.
    const key = finding.ruleId
    weights.set(key, (weights.get(key) ?? 0) + (finding.severity === 'critical' ? 2 : 1))
  }
  return weights
}

function noneAdded(before: Map<string, number>, after: Map<string, number>): void {
  for (const [rule, weight] of after) expect(weight, rule).toBeLessThanOrEqual(before.get(rule) ?? 0)
}

describe('conditions and narrower resources never add findings', () => {
  it('adding a condition to an Allow', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom(...CONDITIONS), (statements, pick, condition) => {
        const allows = statements.flatMap((s, i) => (s.Effect === 'Allow' ? [i] : []))
        fc.pre(allows.length > 0)
        const index = allows[pick % allows.length]!
        const changed = statements.map((s, i) => (i === index ? { ...s, Condition: { ...s.Condition, ...mergeCondition(s.Condition, condition) } } : s))
        noneAdded(findings(statements), findings(changed))
      }),
      { numRuns: 150 },
    )
  })

  it('narrowing a Resource entry of an Allow', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (statements, pick, choice) => {
        const candidates = statements.flatMap((s, i) => (s.Effect === 'Allow' ? s.Resource.filter((r) => NARROWER[r]).map((r) => [i, r] as const) : []))
        fc.pre(candidates.length > 0)
        const [index, resource] = candidates[pick % candidates.length]!
        const options = NARROWER[resource]!
        const narrower = options[choice % options.length]!
        const changed = statements.map((s, i) => (i === index ? { ...s, Resource: [...new Set(s.Resource.map((r) => (r === resource ? narrower : r)))] } : s))
        noneAdded(findings(statements), findings(changed))
      }),
      { numRuns: 150 },
    )
  })
})

/** The added operator/key pairs join the block; a key already under the same operator keeps its values (JSON cannot hold the key twice). */
function mergeCondition(existing: Generated['Condition'], added: NonNullable<Generated['Condition']>): NonNullable<Generated['Condition']> {
  const merged: NonNullable<Generated['Condition']> = { ...existing }
  for (const [operator, keys] of Object.entries(added)) merged[operator] = { ...keys, ...merged[operator] }
  return merged
}

describe('a condition on a resource policy\'s Allow never opens it to more callers', () => {
  const publicRules = defaultConfiguration(builtinRules).filter((c) => c.rule.id === 'resource-policy/public' || c.rule.id === 'apigw/resource-policy-public')
  const KEYS: Record<string, Record<string, string>>[] = [
    { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, { Bool: { 'aws:SecureTransport': 'true' } }, { StringLike: { 'aws:SourceArn': '*' } },
  ]
  const resourceStatement = fc.record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Principal: fc.constantFrom<unknown>('*', { AWS: '*' }, { AWS: 'arn:aws:iam::111122223333:root' }),
    Action: fc.constantFrom('s3:GetObject', 's3:*', 'execute-api:Invoke', '*'),
    Resource: fc.constantFrom('*', 'arn:aws:s3:::b/*', 'execute-api:/*'),
    Condition: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
  })
  const count = (statements: Record<string, unknown>[], service: string) => {
    const aws = model()
    const owner = meta('aws_s3_bucket_policy.p')
    aws.resourcePolicies.push({ meta: owner, service, document: doc(statements.map(({ Condition, ...rest }) => (Condition ? { ...rest, Condition } : rest)), 'resource', owner), target: attr('b', loc()) })
    return runRules(aws, publicRules).findings.length
  }
  it('adding a condition to an Allow', () => {
    fc.assert(
      fc.property(fc.array(resourceStatement, { minLength: 1, maxLength: 3 }), fc.nat(), fc.constantFrom(...KEYS), fc.constantFrom('s3', 'apigateway'), (statements, pick, condition, service) => {
        const allows = statements.flatMap((s, i) => (s.Effect === 'Allow' ? [i] : []))
        fc.pre(allows.length > 0)
        const index = allows[pick % allows.length]!
        const changed = statements.map((s, i) => (i === index ? { ...s, Condition: { ...condition, ...s.Condition } } : s))
        expect(count(changed, service)).toBeLessThanOrEqual(count(statements, service))
      }),
      { numRuns: 150 },
    )
  })
})
