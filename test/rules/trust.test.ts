import { describe, expect, it } from 'vitest'
import type { IamRole } from '../../src/model/aws.js'
import crossAccount from '../../src/rules/iam/trust-cross-account-no-external-id.js'
import trustPublic from '../../src/rules/iam/trust-public.js'
import untrusted from '../../src/rules/iam/trust-untrusted-account.js'
import { known, lines, meta, model, policy, run, unknown } from './trust-fixtures.js'

function role(trustJson: string, address = 'aws_iam_role.app'): IamRole {
  const owner = meta(address)
  return { meta: owner, name: known('app', 2), inlinePolicies: [], managedPolicies: [], trust: policy('trust', trustJson, owner, 10) }
}

const trustOf = (principal: string, condition = '') => `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Principal": ${principal}${condition ? `,\n    "Condition": ${condition}` : ''}
  }]
}`

describe('iam/trust-public', () => {
  it('reports Principal * and AWS * at the principal line', () => {
    const aws = model((m) => m.iam.roles.push(role(trustOf('"*"')), role(trustOf('{ "AWS": ["arn:aws:iam::111122223333:root", "*"] }'), 'aws_iam_role.b')))
    const findings = run(trustPublic, aws)
    expect(lines(findings)).toEqual([15, 15])
    expect(findings.map((f) => f.resource?.address).sort()).toEqual(['aws_iam_role.app', 'aws_iam_role.b'])
  })

  it('accepts a restricting condition, including one whose value is unknown', () => {
    const orgs = trustOf('"*"', '{ "StringEquals": { "aws:PrincipalOrgID": "o-abc" } }')
    const unknownOrg = trustOf('"*"', '{ "StringEquals": { "aws:PrincipalOrgID": "${var.org}" } }')
    expect(run(trustPublic, model((m) => m.iam.roles.push(role(orgs), role(unknownOrg, 'aws_iam_role.b'))))).toEqual([])
  })

  it('does not count negated, IfExists or wildcard-valued conditions as restricting', () => {
    for (const condition of [
      '{ "StringNotEquals": { "aws:PrincipalOrgID": "o-abc" } }',
      '{ "StringEqualsIfExists": { "aws:SourceAccount": "111122223333" } }',
      '{ "StringLike": { "aws:PrincipalArn": "*" } }',
      '{ "Bool": { "aws:MultiFactorAuthPresent": "true" } }',
    ]) {
      expect(run(trustPublic, model((m) => m.iam.roles.push(role(trustOf('{ "AWS": "*" }', condition))))), condition).toHaveLength(1)
    }
  })

  it('ignores Deny statements, service principals and unknown principals', () => {
    const deny = trustOf('"*"').replace('"Allow"', '"Deny"')
    const service = trustOf('{ "Service": "lambda.amazonaws.com" }')
    const unresolved = trustOf('{ "AWS": "${var.principal}" }')
    expect(run(trustPublic, model((m) => m.iam.roles.push(role(deny), role(service, 'x.b'), role(unresolved, 'x.c'))))).toEqual([])
  })
})

describe('iam/trust-cross-account-no-external-id', () => {
  it('reports a literal foreign account without ExternalId or PrincipalOrgID', () => {
    const findings = run(crossAccount, model((m) => m.iam.roles.push(role(trustOf('{ "AWS": ["999988887777", "arn:aws:iam::444455556666:role/x"] }')))))
    expect(findings.map((f) => f.message)).toEqual([
      'Account 999988887777 may assume this role with no sts:ExternalId or aws:PrincipalOrgID condition',
      'Account 444455556666 may assume this role with no sts:ExternalId or aws:PrincipalOrgID condition',
    ])
  })

  it('accepts ExternalId, PrincipalOrgID, trusted accounts and principals built from unknown accounts', () => {
    const external = trustOf('{ "AWS": "999988887777" }', '{ "StringEquals": { "sts:ExternalId": "abc" } }')
    const org = trustOf('{ "AWS": "999988887777" }', '{ "StringEquals": { "aws:PrincipalOrgID": "o-abc" } }')
    const own = trustOf('{ "AWS": "${data.aws_caller_identity.current.account_id}" }')
    const aws = model((m) => m.iam.roles.push(role(external), role(org, 'x.b'), role(own, 'x.c')))
    expect(run(crossAccount, aws)).toEqual([])
    expect(run(crossAccount, model((m) => m.iam.roles.push(role(trustOf('{ "AWS": "999988887777" }')))), { trusted_accounts: ['999988887777'] })).toEqual([])
  })

  it('does not treat a negated ExternalId condition as one', () => {
    const negated = trustOf('{ "AWS": "999988887777" }', '{ "StringNotEquals": { "sts:ExternalId": "abc" } }')
    expect(run(crossAccount, model((m) => m.iam.roles.push(role(negated))))).toHaveLength(1)
  })
})

describe('iam/trust-untrusted-account', () => {
  it('is silent while trusted_accounts is empty', () => {
    expect(run(untrusted, model((m) => m.iam.roles.push(role(trustOf('{ "AWS": "999988887777" }')))))).toEqual([])
  })

  it('reports trust, resource policy and Lambda permission principals outside the list', () => {
    const aws = model((m) => {
      m.iam.roles.push(role(trustOf('{ "AWS": ["111122223333", "999988887777"] }')))
      const owner = meta('aws_sqs_queue_policy.q', 30)
      const document = policy('resource', '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555555555555:root"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:666666666666:q"}]}', owner, 40, 'sqs')
      m.resourcePolicies.push({ meta: owner, service: 'sqs', document, target: known('q', 31) })
      m.lambda.permissions.push({ meta: meta('aws_lambda_permission.p', 50), action: known('lambda:InvokeFunction', 51), principal: known('777777777777', 52), functionName: known('f', 53) })
    })
    const findings = run(untrusted, aws, { trusted_accounts: ['111122223333'] })
    expect(findings.map((f) => f.message.split(' ')[1])).toEqual(['999988887777', '555555555555', '777777777777'])
    expect(lines(findings)).toEqual([15, 40, 52])
  })

  it('treats the account in the resource ARN as the resource\'s own', () => {
    const aws = model((m) => {
      const owner = meta('aws_sqs_queue_policy.q', 30)
      const document = policy('resource', '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"666666666666"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:666666666666:q"}]}', owner, 40, 'sqs')
      m.resourcePolicies.push({ meta: owner, service: 'sqs', document, target: unknown(31, 'aws_sqs_queue.q.id') })
    })
    expect(run(untrusted, aws, { trusted_accounts: ['111122223333'] })).toEqual([])
  })
})
