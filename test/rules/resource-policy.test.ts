import { describe, expect, it } from 'vitest'
import type { AwsModel, PublicAccessBlock, ResourcePolicy, S3Bucket } from '../../src/model/aws.js'
import crossAccount from '../../src/rules/resource-policy/cross-account-wildcard-action.js'
import insecureTransport from '../../src/rules/resource-policy/insecure-transport.js'
import notPrincipal from '../../src/rules/resource-policy/not-principal-allow.js'
import publicResource from '../../src/rules/resource-policy/public.js'
import { known, lines, meta, model, policy, run, unknown } from './trust-fixtures.js'

function resourcePolicy(service: string, statements: string, address = `policy.${service}`, target = unknown<string>(2, 'x.id')): ResourcePolicy {
  const owner = meta(address)
  return { meta: owner, service, document: policy('resource', `{"Version":"2012-10-17","Statement":[\n${statements}\n]}`, owner, 10, service), target }
}

const withPolicies = (...policies: ResourcePolicy[]) => model((m) => m.resourcePolicies.push(...policies))

describe('resource-policy/public', () => {
  it('reports Principal * on every service at the principal', () => {
    for (const service of ['s3', 'sqs', 'sns', 'kms', 'lambda', 'ecr', 'secretsmanager', 'es', 'apigateway']) {
      const findings = run(publicResource, withPolicies(resourcePolicy(service, '{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*"}')))
      expect(lines(findings), service).toEqual([11])
    }
  })

  it('accepts caller conditions, known or unknown, and ignores Deny', () => {
    for (const condition of [
      '{"StringEquals":{"aws:SourceAccount":"111122223333"}}',
      '{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket"}}',
      '{"StringEquals":{"aws:PrincipalOrgID":"${var.org}"}}',
      '{"StringEquals":{"aws:SourceVpce":"vpce-1"}}',
      '{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}',
      '{"StringEquals":{"kms:CallerAccount":"111122223333"}}',
    ]) {
      expect(run(publicResource, withPolicies(resourcePolicy('s3', `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":${condition}}`))), condition).toEqual([])
    }
    expect(run(publicResource, withPolicies(resourcePolicy('s3', '{"Effect":"Deny","Principal":"*","Action":"s3:*"}')))).toEqual([])
  })

  it('does not accept conditions that leave the caller open', () => {
    for (const condition of ['{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}', '{"Null":{"aws:SourceVpce":"false"}}', '{"IpAddress":{"aws:SourceIp":["0.0.0.0/0"]}}', '{"StringLike":{"aws:Referer":"https://example.com/*"}}', '{"Bool":{"aws:SecureTransport":"true"}}',
      // ForAllValues also matches a request without the key (an anonymous caller has no organization); six `*` fields cover every ARN.
      '{"ForAllValues:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/*"}}', '{"ArnLike":{"aws:SourceArn":"arn:*:*:*:*:*"}}']) {
      expect(run(publicResource, withPolicies(resourcePolicy('s3', `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":${condition}}`))), condition).toHaveLength(1)
    }
  })

  it('reports public Lambda permissions without a source or org restriction', () => {
    const aws = model((m) => {
      m.lambda.permissions.push({ meta: meta('perm.open', 20), action: known('lambda:InvokeFunction', 21), principal: known('*', 22), functionName: known('f', 23) })
      m.lambda.permissions.push({ meta: meta('perm.scoped', 30), action: known('lambda:InvokeFunction', 31), principal: known('*', 32), functionName: known('f', 33), principalOrgId: known('o-abc', 34) })
    })
    expect(lines(run(publicResource, aws))).toEqual([22])
  })

  describe('bucket ACLs', () => {
    const bucket = (acl: string, publicAccessBlock?: PublicAccessBlock): S3Bucket => ({ meta: meta(`bucket.${acl}`, 40), name: known('b', 41), acl: known(acl, 42), publicAccessBlock })
    const block = (ignorePublicAcls: boolean): PublicAccessBlock => ({
      meta: meta('pab', 50), blockPublicAcls: known(true, 51), blockPublicPolicy: known(true, 52), ignorePublicAcls: known(ignorePublicAcls, 53), restrictPublicBuckets: known(true, 54),
    })
    const scan = (fill: (aws: AwsModel) => void) => run(publicResource, model(fill)).map((f) => f.message)

    it('reports public canned ACLs in Terraform and CloudFormation spelling', () => {
      expect(scan((m) => m.s3.buckets.push(bucket('public-read'), bucket('PublicReadWrite'), bucket('authenticated-read'), bucket('private'), bucket('log-delivery-write')))).toEqual([
        'Bucket ACL `public-read` grants access to everyone',
        'Bucket ACL `PublicReadWrite` grants access to everyone',
        'Bucket ACL `authenticated-read` grants access to every AWS account',
      ])
    })

    it('accepts a public ACL that IgnorePublicAcls neutralises, at bucket or account level', () => {
      expect(scan((m) => m.s3.buckets.push(bucket('public-read', block(true))))).toEqual([])
      expect(scan((m) => { m.s3.buckets.push(bucket('public-read')); m.s3.accountPublicAccessBlocks.push(block(true)) })).toEqual([])
      expect(scan((m) => m.s3.buckets.push(bucket('public-read', block(false))))).toHaveLength(1)
    })
  })
})

describe('resource-policy/cross-account-wildcard-action', () => {
  const grant = (principal: string, action: string, resource = '') => `{"Effect":"Allow","Principal":{"AWS":"${principal}"},"Action":${action}${resource ? `,"Resource":"${resource}"` : ''}}`

  it('reports a foreign account granted * or a whole service, at the action', () => {
    const findings = run(crossAccount, withPolicies(resourcePolicy('sqs', grant('999988887777', '["sqs:SendMessage","SQS:*","*"]', 'arn:aws:sqs:eu-west-1:111122223333:q'))))
    expect(findings.map((f) => f.element)).toEqual(['Statement[0].Action[SQS:*]', 'Statement[0].Action[*]'])
    expect(findings[0]?.message).toBe('Account 999988887777 is granted `SQS:*` on this sqs resource')
  })

  it('does not count partial wildcards, the resource\'s own account, trusted accounts or Principal *', () => {
    expect(run(crossAccount, withPolicies(resourcePolicy('sqs', grant('999988887777', '"sqs:*Message"'))))).toEqual([])
    expect(run(crossAccount, withPolicies(resourcePolicy('sqs', grant('arn:aws:iam::111122223333:root', '"sqs:*"', 'arn:aws:sqs:eu-west-1:111122223333:q'))))).toEqual([])
    expect(run(crossAccount, withPolicies(resourcePolicy('kms', grant('999988887777', '"kms:*"'))), { trusted_accounts: ['999988887777'] })).toEqual([])
    expect(run(crossAccount, withPolicies(resourcePolicy('kms', grant('*', '"kms:*"'))))).toEqual([])
    expect(run(crossAccount, withPolicies(resourcePolicy('kms', grant('${var.account}', '"kms:*"'))))).toEqual([])
  })

  it('takes the own account from any Resource of the document or from an ARN target', () => {
    const twoStatements = `${grant('arn:aws:iam::111122223333:root', '"kms:Decrypt"', 'arn:aws:kms:eu-west-1:111122223333:key/k')},\n${grant('111122223333', '"kms:*"')}`
    expect(run(crossAccount, withPolicies(resourcePolicy('kms', twoStatements)))).toEqual([])
    const target = known('arn:aws:sns:eu-west-1:111122223333:topic', 2)
    expect(run(crossAccount, withPolicies(resourcePolicy('sns', grant('111122223333', '"sns:*"'), 'policy.sns', target)))).toEqual([])
    expect(run(crossAccount, withPolicies(resourcePolicy('kms', grant('111122223333', '"kms:*"'))))).toHaveLength(1)
  })
})

describe('resource-policy/insecure-transport', () => {
  const tlsDeny = (value: string) => `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":${value}}}}`
  const allow = '{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}'

  it('reports S3 bucket policies without the TLS Deny at the policy resource', () => {
    expect(lines(run(insecureTransport, withPolicies(resourcePolicy('s3', allow))))).toEqual([1])
    expect(run(insecureTransport, withPolicies(resourcePolicy('s3', `${allow},\n${tlsDeny('"true"')}`)))).toHaveLength(1)
  })

  it('accepts the Deny with false or an unknown value, and ignores other services', () => {
    expect(run(insecureTransport, withPolicies(resourcePolicy('s3', `${allow},\n${tlsDeny('"false"')}`)))).toEqual([])
    expect(run(insecureTransport, withPolicies(resourcePolicy('s3', `${allow},\n${tlsDeny('"${var.tls}"')}`)))).toEqual([])
    expect(run(insecureTransport, withPolicies(resourcePolicy('sqs', allow)))).toEqual([])
  })
})

describe('resource-policy/not-principal-allow', () => {
  it('reports Allow with NotPrincipal in resource and trust policies, not Deny', () => {
    const aws = withPolicies(
      resourcePolicy('sqs', '{"Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"sqs:*"}'),
      resourcePolicy('s3', '{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*"}'),
    )
    expect(run(notPrincipal, aws).map((f) => `${f.resource?.address}:${f.loc.startLine}`)).toEqual(['policy.sqs:11'])
  })
})
