import { describe, expect, it } from 'vitest'
import type { IamRole } from '../../src/model/aws.js'
import github from '../../src/rules/iam/oidc-github-unrestricted.js'
import oidc from '../../src/rules/iam/oidc-unrestricted.js'
import { known, lines, meta, model, policy, run } from './trust-fixtures.js'

function role(trustJson: string, address = 'aws_iam_role.deploy'): IamRole {
  const owner = meta(address)
  return { meta: owner, name: known('deploy', 2), inlinePolicies: [], managedPolicies: [], trust: policy('trust', trustJson, owner, 10) }
}

const GH = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'

/** A one-statement web-identity trust; Principal on line 14, Condition operators from line 16. */
const federated = (principal: string, conditions: string, action = 'sts:AssumeRoleWithWebIdentity') => `{
  "Statement": [{
    "Effect": "Allow",
    "Action": "${action}",
    "Principal": { "Federated": "${principal}" },
    "Condition": {
${conditions}
    }
  }]
}`

const AUD = '"StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }'
const sub = (operator: string, values: string) => `"${operator}": { "token.actions.githubusercontent.com:sub": ${values} }`

describe('iam/oidc-github-unrestricted', () => {
  it('accepts one repository, with or without wildcards after it', () => {
    for (const pinned of [sub('StringLike', '"repo:acme/app:*"'), sub('StringEquals', '"repo:acme/app:ref:refs/heads/main"'), sub('StringLike', '["repo:acme/app:environment:prod", "repo:acme/app:ref:refs/tags/*"]')]) {
      expect(run(github, model((m) => m.iam.roles.push(role(federated(GH, `${AUD},\n${pinned}`))))), pinned).toEqual([])
    }
  })

  it('reports every pattern wider than one repository at its value', () => {
    for (const wide of ['"*"', '"repo:*"', '"repo:acme/*"', '"repo:acme/app-*:ref:refs/heads/main"', '"repo:*/app:*"', '"*:ref:refs/heads/main"']) {
      const findings = run(github, model((m) => m.iam.roles.push(role(federated(GH, `${AUD},\n${sub('StringLike', wide)}`)))))
      expect(findings.map((f) => f.message), wide).toEqual([`Subject pattern \`${JSON.parse(wide)}\` matches more than one repository`])
      expect(lines(findings)).toEqual([17])
    }
  })

  it('reads wildcards literally under StringEquals', () => {
    expect(run(github, model((m) => m.iam.roles.push(role(federated(GH, `${AUD},\n${sub('StringEquals', '"repo:acme/*"')}`)))))).toEqual([])
  })

  it('lets a narrow sub condition make a wide one harmless (conditions are ANDed)', () => {
    const both = `${AUD},\n${sub('StringLike', '"repo:acme/*"')},\n${sub('StringEquals', '"repo:acme/app:ref:refs/heads/main"')}`
    expect(run(github, model((m) => m.iam.roles.push(role(federated(GH, both)))))).toEqual([])
  })

  it('reports a missing sub and a missing aud at the Federated principal', () => {
    const findings = run(github, model((m) => m.iam.roles.push(role(federated(GH, '')))))
    expect(findings.map((f) => f.message)).toEqual([
      'No `token.actions.githubusercontent.com:sub` condition: a workflow in any GitHub repository can assume this role',
      'No `token.actions.githubusercontent.com:aud` condition: require the audience `sts.amazonaws.com`',
    ])
    expect(lines(findings)).toEqual([14, 14])
  })

  it('does not count a negated sub condition', () => {
    const findings = run(github, model((m) => m.iam.roles.push(role(federated(GH, `${AUD},\n${sub('StringNotLike', '"repo:evil/*"')}`)))))
    expect(findings).toHaveLength(1)
  })

  it('does not count a Null check on sub: it only asks that the claim be present', () => {
    const findings = run(github, model((m) => m.iam.roles.push(role(federated(GH, `${AUD},\n${sub('Null', '"false"')}`)))))
    expect(findings.map((f) => f.message)).toEqual(['No `token.actions.githubusercontent.com:sub` condition: a workflow in any GitHub repository can assume this role'])
  })

  it('recognises GitHub through a provider resource of the model and through condition keys', () => {
    const viaProvider = model((m) => {
      m.iam.oidcProviders.push({ meta: meta('aws_iam_openid_connect_provider.github', 1), url: known('https://token.actions.githubusercontent.com', 2), clientIds: [] })
      m.iam.roles.push(role(federated('${aws_iam_openid_connect_provider.github.arn}', AUD)))
    })
    expect(run(github, viaProvider).map((f) => f.message)[0]).toMatch(/^No `token.actions.githubusercontent.com:sub`/)
    const viaKeys = model((m) => m.iam.roles.push(role(federated('${var.provider_arn}', sub('StringLike', '"repo:acme/*"')))))
    expect(run(github, viaKeys)).toHaveLength(2)
  })

  it('leaves other providers to iam/oidc-unrestricted', () => {
    const google = model((m) => m.iam.roles.push(role(federated('accounts.google.com', ''))))
    expect(run(github, google)).toEqual([])
    expect(run(oidc, google)).toHaveLength(1)
  })
})

describe('iam/oidc-unrestricted', () => {
  const EKS = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC'

  it('accepts an audience or subject claim, known or not', () => {
    for (const condition of [
      '"StringEquals": { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:app:api" }',
      '"StringEquals": { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "${var.client_id}" }',
    ]) {
      expect(run(oidc, model((m) => m.iam.roles.push(role(federated(EKS, condition))))), condition).toEqual([])
    }
  })

  it('reports a provider with only unrelated or `*` conditions', () => {
    for (const condition of ['"StringLike": { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "*" }', '"Bool": { "aws:SecureTransport": "true" }']) {
      expect(lines(run(oidc, model((m) => m.iam.roles.push(role(federated(EKS, condition))))))).toEqual([14])
    }
  })

  it('requires the identity pool (aud) for Cognito; amr alone is not enough', () => {
    const amrOnly = '"ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" }'
    const findings = run(oidc, model((m) => m.iam.roles.push(role(federated('cognito-identity.amazonaws.com', amrOnly)))))
    expect(findings.map((f) => f.message)).toEqual(['No `cognito-identity.amazonaws.com:aud` condition: identities of any Cognito identity pool, in any account, can assume this role'])
  })

  it('requires SAML:aud or SAML:sub for SAML providers', () => {
    const saml = 'arn:aws:iam::111122223333:saml-provider/corp'
    expect(run(oidc, model((m) => m.iam.roles.push(role(federated(saml, '', 'sts:AssumeRoleWithSAML')))))).toHaveLength(1)
    const pinned = '"StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" }'
    expect(run(oidc, model((m) => m.iam.roles.push(role(federated(saml, pinned, 'sts:AssumeRoleWithSAML')))))).toEqual([])
  })

  describe('Cognito unauthenticated identities', () => {
    const guestTrust = federated('cognito-identity.amazonaws.com', '"StringEquals": { "cognito-identity.amazonaws.com:aud": "eu-west-1:pool" },\n"ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" }')
    const guestRole = (actions: string, trust = guestTrust) => {
      const r = role(trust, 'aws_iam_role.guest')
      r.inlinePolicies.push(policy('identity', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${actions},"Resource":"*"}]}`, meta('aws_iam_role_policy.guest', 40), 41))
      return r
    }

    it('reports the pool that hands a writing role to guests, once', () => {
      const aws = model((m) => {
        const r = guestRole('["s3:GetObject", "s3:PutObject", "dynamodb:PutItem"]')
        m.iam.roles.push(r)
        m.iam.identityPools.push({ meta: meta('aws_cognito_identity_pool.app', 60), allowUnauthenticated: known(true, 62), unauthenticatedRole: r })
      })
      const findings = run(oidc, aws)
      expect(findings.map((f) => `${f.loc.startLine} ${f.message}`)).toEqual(['62 Unauthenticated identities get role aws_iam_role.guest, which can write: s3:PutObject, dynamodb:PutItem'])
    })

    it('reports the trust when no pool binds the role', () => {
      const findings = run(oidc, model((m) => m.iam.roles.push(guestRole('"sqs:SendMessage"'))))
      expect(findings.map((f) => f.loc.startLine)).toEqual([17])
    })

    it('does not read a negated amr condition as admitting guests', () => {
      const authenticatedOnly = guestTrust.replace('ForAnyValue:StringLike', 'ForAnyValue:StringNotLike')
      expect(run(oidc, model((m) => m.iam.roles.push(guestRole('"sqs:SendMessage"', authenticatedOnly))))).toEqual([])
    })

    it('accepts read-only guest roles', () => {
      expect(run(oidc, model((m) => m.iam.roles.push(guestRole('["s3:GetObject", "s3:ListBucket"]'))))).toEqual([])
    })
  })
})
