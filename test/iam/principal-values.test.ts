import { describe, expect, it } from 'vitest'
import {
  accountOfArnValue, accountOfPrincipalValue, identityProviderOf, isPublicPrincipal, isServicePrincipalName, nestedArnPatterns,
} from '../../src/iam/index.js'
import { HOLE } from '../../src/model/pattern.js'
import { Unknown, attr } from '../../src/model/source.js'

const at = { file: 'main.tf', startLine: 1, endLine: 1 }
const principal = (type: string, value: string) => ({ type, value: attr(value, at) })
const built = (pattern: string) => new Unknown('var', undefined, pattern)

describe('principal values', () => {
  it('read `*` as anyone under `*` and AWS only', () => {
    expect(isPublicPrincipal(principal('*', '*'))).toBe(true)
    expect(isPublicPrincipal(principal('AWS', ' * '))).toBe(true)
    expect(isPublicPrincipal(principal('Service', '*'))).toBe(false)
    expect(isPublicPrincipal({ type: 'AWS', value: attr<string>(new Unknown('var'), at) })).toBe(false)
  })

  it('know service principals in every partition naming', () => {
    expect(['lambda.amazonaws.com', 'events.amazonaws.com.cn', ' S3.amazonaws.com'].every(isServicePrincipalName)).toBe(true)
    expect(['123456789012', 'arn:aws:iam::123456789012:root', 'amazonaws.com.evil.example'].some(isServicePrincipalName)).toBe(false)
  })

  it('take the account from IDs and IAM/STS ARNs, and from patterns whose partition is a hole', () => {
    expect(accountOfPrincipalValue('111122223333')).toBe('111122223333')
    expect(accountOfPrincipalValue('arn:aws-cn:sts::111122223333:assumed-role/app/s')).toBe('111122223333')
    expect(accountOfPrincipalValue('arn:aws:s3:::bucket')).toBeUndefined()
    expect(accountOfPrincipalValue(built(`arn:${HOLE}:iam::111122223333:root`))).toBe('111122223333')
    expect(accountOfPrincipalValue(built(`arn:aws:iam::${HOLE}:root`))).toBeUndefined()
  })

  it('take the account field of any ARN, literal or with holes in partition and region', () => {
    expect(accountOfArnValue('arn:aws:sqs:us-east-2:444455556666:queue')).toBe('444455556666')
    expect(accountOfArnValue(built(`arn:${HOLE}:sqs:${HOLE}:444455556666:queue`))).toBe('444455556666')
    expect(accountOfArnValue(built(`arn:aws:${HOLE}:444455556666:queue`))).toBeUndefined()
  })

  it('name the identity provider of a Federated principal', () => {
    expect(identityProviderOf('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')).toBe('token.actions.githubusercontent.com')
    expect(identityProviderOf('cognito-identity.amazonaws.com')).toBe('cognito-identity.amazonaws.com')
    expect(identityProviderOf('arn:aws:iam::111122223333:saml-provider/corp')).toBe('saml')
    expect(identityProviderOf(built(`arn:aws:iam::${HOLE}:oidc-provider/token.actions.githubusercontent.com`))).toBe('token.actions.githubusercontent.com')
    expect(identityProviderOf(built(`arn:aws:iam::111122223333:oidc-provider/${HOLE}`))).toBeUndefined()
  })

  it('nest principal ARN patterns only when one covers the other', () => {
    expect(nestedArnPatterns('arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::111122223333:role/BreakGlass')).toBe(true)
    expect(nestedArnPatterns('arn:aws:iam::*:role/ops-*', 'arn:aws:iam::*:role/BreakGlass')).toBe(false)
  })
})
