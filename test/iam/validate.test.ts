import { describe, expect, it } from 'vitest'
import {
  actionAppliesToResource, catalog, conditionProblems, createPermissions, describeDelta, grammarIssues, isMalformedArn, lookupConditionKey, permissionDelta, redundancies,
} from '../../src/iam/index.js'
import { Unknown, attr } from '../../src/model/source.js'
import { allow, deny, doc, loc } from './model.js'

const problemsOf = (statement: Record<string, unknown>) => {
  const document = doc([statement])
  const st = document.statements[0]!
  return st.conditions.flatMap((c) => conditionProblems(st, c))
}

describe('condition keys and operators', () => {
  it('knows global, variable, service and federation keys', () => {
    expect(lookupConditionKey('aws:SourceIp')).toMatchObject({ status: 'known', key: { type: 'IPAddress' } })
    expect(lookupConditionKey('aws:PrincipalTag/team').status).toBe('known')
    expect(lookupConditionKey('iam:PassedToService').status).toBe('known')
    expect(lookupConditionKey('s3:ExistingObjectTag/owner').status).toBe('known')
    expect(lookupConditionKey('saml:aud').status).toBe('known')
    expect(lookupConditionKey('token.actions.githubusercontent.com:sub').status).toBe('unverifiable')
    expect(lookupConditionKey('aws:SourceIP').status).toBe('known')
    expect(lookupConditionKey('aws:ResourceTags/team').status).toBe('unknown-key')
    expect(lookupConditionKey('s4:prefix').status).toBe('unknown-service')
  })

  it('flags type mismatches, set operators and IfExists/ForAllValues with Allow', () => {
    expect(problemsOf(allow('ec2:*', '*', { Condition: { NumericEquals: { 'aws:SourceIp': '1' } } }))[0]).toMatch(/type IPAddress/)
    expect(problemsOf(allow('ec2:*', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalAccount': '1' } } }))[0]).toMatch(/single value/)
    expect(problemsOf(allow('ec2:*', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } } }))[0]).toMatch(/absent or empty/)
    expect(problemsOf(allow('ec2:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } }))[0]).toMatch(/no aws:MultiFactorAuthPresent/)
    expect(problemsOf(allow('ec2:*', '*', { Condition: { stringequals: { 'aws:PrincipalAccount': '1' } } }))[0]).toMatch(/not a condition operator/)
    expect(problemsOf(deny('ec2:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } }))).toEqual([])
    expect(problemsOf(allow('s3:*', '*', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*' }, StringLike: { 'aws:SourceArn': 'arn:*' } } }))).toEqual([])
  })
})

describe('grammar', () => {
  it('reports version, effect, elements, duplicate Sids, malformed ARNs and size', () => {
    const document = doc([
      { Sid: 'A', Effect: 'allow', Action: 's3:GetObject', Resource: 'bucket/*' },
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Principal: '*' },
    ])
    document.version = undefined
    document.size = 7000
    const elements = grammarIssues(document, { limit: 6144, what: 'a managed policy' }).map((i) => i.element)
    expect(elements).toEqual(['Version', 'Statement[A].Effect', 'Statement[A].Resource[bucket/*]', 'Statement[A].Resource', 'Statement[A].Principal', 'Sid[A]', 'Size'])
  })

  it('wants a Principal in trust policies and refuses NotPrincipal with Allow', () => {
    const trust = doc([{ Effect: 'Allow', Action: 'sts:AssumeRole' }, { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::1:root' } }], 'trust')
    expect(grammarIssues(trust).map((i) => i.element)).toEqual(['Statement[#0].Principal', 'Statement[#1].NotPrincipal'])
  })

  it('reports both Action and NotAction only when both are written, not when one may be a null variable', () => {
    const written = doc([{ Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }])
    expect(grammarIssues(written).map((i) => i.message)).toEqual(['The statement has both Action and NotAction'])
    const fromVariable = doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])
    fromVariable.statements[0]!.notActions = [attr<string>(new Unknown('statement.value.not_actions'), loc())]
    expect(grammarIssues(fromVariable)).toEqual([])
  })

  it('tells malformed ARNs from valid ones', () => {
    expect(isMalformedArn('arn:aws:s3:::bucket')).toBe(false)
    expect(isMalformedArn('arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}')).toBe(false)
    expect(isMalformedArn('arn:aws:s3:bucket')).toBe(true)
    expect(isMalformedArn('my-bucket')).toBe(true)
  })
})

describe('resource types', () => {
  it('matches ARNs against the resource types an action accepts', () => {
    const listBucket = catalog().action('s3:ListBucket')!
    expect(actionAppliesToResource(listBucket, 'arn:aws:s3:::reports')).toBe(true)
    expect(actionAppliesToResource(listBucket, 'arn:aws:s3:::reports/*')).toBe(false)
    expect(actionAppliesToResource(catalog().action('s3:GetObject')!, 'arn:aws:s3:::reports/a/b.csv')).toBe(true)
    expect(actionAppliesToResource(catalog().action('iam:PassRole')!, 'arn:aws:iam::1:role/path/to/app')).toBe(true)
    expect(actionAppliesToResource(catalog().action('logs:GetLogEvents')!, 'arn:aws:logs:*:*:log-group:/aws/lambda/*')).toBe(true)
    expect(actionAppliesToResource(catalog().action('sqs:SendMessage')!, 'arn:aws:sns:eu-west-1:1:orders')).toBe(false)
  })
})

describe('redundancy', () => {
  it('finds covered statements and entries, keeping the first of two identical ones', () => {
    const document = doc([allow(['s3:Get*', 's3:GetObject', 's3:Get*'], 'arn:aws:s3:::a/*'), allow('s3:GetObject', 'arn:aws:s3:::a/b/*'), allow('s3:GetObject', 'arn:aws:s3:::a/b/*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })])
    const found = redundancies(document).map((r) => `${r.kind}:${r.text}`)
    expect(found).toEqual(['action:s3:GetObject', 'action:s3:Get*', 'statement:statement 1', 'statement:statement 2'])
    expect(redundancies(doc([allow('s3:GetObject', 'arn:aws:s3:::a/*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), allow('s3:GetObject', 'arn:aws:s3:::a/b')]))).toEqual([])
  })
})

describe('permissionDelta', () => {
  it('lists new and widened actions grouped by service and access level', () => {
    const base = createPermissions([doc([allow('s3:GetObject', 'arn:aws:s3:::a/*')])])
    const head = createPermissions([doc([allow(['s3:GetObject', 's3:PutObject'], '*'), allow('iam:PassRole')])])
    const delta = permissionDelta(base, head)
    expect(delta.added.map((a) => `${a.action.key}:${a.change}`).sort()).toEqual(['iam:PassRole:new', 's3:GetObject:wider', 's3:PutObject:new'])
    expect(describeDelta(delta)).toEqual(['iam: Write (PassRole)', 's3: Read (GetObject); Write (PutObject)'])
    expect(permissionDelta(head, base).added).toEqual([])
  })
})
