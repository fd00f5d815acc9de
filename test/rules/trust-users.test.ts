import { describe, expect, it } from 'vitest'
import type { IamRole, IamUser, PasswordPolicy, PolicyAttachment } from '../../src/model/aws.js'
import adminAttached from '../../src/rules/iam/admin-managed-policy-attached.js'
import passwordWeak from '../../src/rules/iam/password-policy-weak.js'
import boundaryMissing from '../../src/rules/iam/permissions-boundary-missing.js'
import accessKey from '../../src/rules/iam/user-access-key.js'
import directPolicy from '../../src/rules/iam/user-direct-policy.js'
import { at, known, lines, meta, model, policy, run, unknown } from './trust-fixtures.js'

const attachment = (arn: string, line: number, address = `attach.${line}`): PolicyAttachment => ({ loc: at(line), meta: meta(address, line), policyArn: known(arn, line) })
const role = (address: string, extra: Partial<IamRole> = {}): IamRole => ({ meta: meta(address), name: known('r', 2), inlinePolicies: [], managedPolicies: [], ...extra })
const user = (address: string, extra: Partial<IamUser> = {}): IamUser => ({ meta: meta(address, 5), name: known('u', 6), inlinePolicies: [], managedPolicies: [], groups: [], ...extra })

describe('iam/admin-managed-policy-attached', () => {
  it('reports the listed AWS managed policies by ARN (any partition, any path) or bare name', () => {
    const aws = model((m) => {
      m.iam.roles.push(role('role.a', { managedPolicies: [attachment('arn:aws:iam::aws:policy/AdministratorAccess', 10), attachment('arn:aws:iam::aws:policy/ReadOnlyAccess', 11)] }))
      m.iam.users.push(user('user.b', { managedPolicies: [attachment('arn:aws-us-gov:iam::aws:policy/PowerUserAccess', 12)] }))
      m.iam.groups.push({ meta: meta('group.c'), name: known('g', 2), inlinePolicies: [], managedPolicies: [attachment('IAMFullAccess', 13)] })
    })
    expect(run(adminAttached, aws).map((f) => f.message)).toEqual([
      'AdministratorAccess is attached to role role.a',
      'PowerUserAccess is attached to user user.b',
      'IAMFullAccess is attached to group group.c',
    ])
  })

  it('ignores customer policies of the same name and unknown ARNs; the list is a param', () => {
    const aws = model((m) => m.iam.roles.push(role('role.a', { managedPolicies: [attachment('arn:aws:iam::111122223333:policy/AdministratorAccess', 10), { ...attachment('x', 11), policyArn: unknown(11, 'var.arn') }, attachment('arn:aws:iam::aws:policy/job-function/SystemAdministrator', 12)] })))
    expect(run(adminAttached, aws)).toEqual([])
    expect(lines(run(adminAttached, aws, { policies: ['SystemAdministrator'] }))).toEqual([12])
  })
})

describe('iam/permissions-boundary-missing', () => {
  const required = { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' }

  it('is off without required_permissions_boundary', () => {
    expect(run(boundaryMissing, model((m) => m.iam.roles.push(role('role.a'))))).toEqual([])
  })

  it('reports a missing boundary at the resource and a different one at the attribute', () => {
    const aws = model((m) => {
      m.iam.roles.push(role('role.none'), role('role.other', { permissionsBoundary: known('arn:aws:iam::111122223333:policy/other', 20) }))
      m.iam.users.push(user('user.ok', { permissionsBoundary: known('arn:aws:iam::111122223333:policy/boundaries/dev', 21) }), user('user.unknown', { permissionsBoundary: unknown(22, 'aws_iam_policy.b.arn') }))
    })
    expect(run(boundaryMissing, aws, required).map((f) => `${f.resource?.address}:${f.loc.startLine}`)).toEqual(['role.none:1', 'role.other:20'])
  })
})

describe('iam/user-direct-policy', () => {
  it('reports inline policies where they are attached and managed attachments at the attachment', () => {
    const u = user('aws_iam_user.jim')
    u.inlinePolicies.push(policy('identity', '{"Statement":[]}', meta('aws_iam_user_policy.p', 30), 34))
    u.inlinePolicies.push(policy('identity', '{"Statement":[]}', u.meta, 8))
    u.managedPolicies.push(attachment('arn:aws:iam::aws:policy/ReadOnlyAccess', 40))
    expect(lines(run(directPolicy, model((m) => m.iam.users.push(u))))).toEqual([8, 30, 40])
  })

  it('is silent for users without policies', () => {
    expect(run(directPolicy, model((m) => m.iam.users.push(user('aws_iam_user.jim'))))).toEqual([])
  })
})

describe('iam/user-access-key', () => {
  it('reports active and unknown-status keys, not Inactive ones', () => {
    const key = (address: string, line: number, status: IamUser['name']) => ({ meta: meta(address, line), user: known('u', line + 1), status })
    const aws = model((m) => m.iam.accessKeys.push(key('k.active', 10, known('Active', 11, false)), key('k.off', 20, known('Inactive', 21)), key('k.var', 30, unknown(31, 'var.status'))))
    expect(lines(run(accessKey, aws))).toEqual([10, 30])
  })
})

describe('iam/password-policy-weak', () => {
  const passwordPolicy = (overrides: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
    meta: meta('aws_iam_account_password_policy.p', 1),
    minimumLength: known(8, 1, false),
    reusePrevention: known(0, 1, false),
    maxAge: known(0, 1, false),
    requireSymbols: known(false, 1, false),
    requireNumbers: known(false, 1, false),
    requireUppercase: known(false, 1, false),
    requireLowercase: known(false, 1, false),
    ...overrides,
  })
  const check = (policy: PasswordPolicy, params = {}) => run(passwordWeak, model((m) => m.iam.passwordPolicies.push(policy)), params)

  it('names every shortfall in one finding at the resource when nothing weak is written', () => {
    const findings = check(passwordPolicy())
    expect(findings.map((f) => `${f.loc.startLine} ${f.message}`)).toEqual(['1 Password policy below the baseline: minimum length not set (needs ≥ 14); reuse prevention not set (needs ≥ 24)'])
  })

  it('points at the first weak setting written in the code', () => {
    const findings = check(passwordPolicy({ reusePrevention: known(5, 3), minimumLength: known(12, 4) }))
    expect(findings.map((f) => `${f.loc.startLine} ${f.message}`)).toEqual(['3 Password policy below the baseline: minimum length 12 (needs ≥ 14); reuse prevention 5 (needs ≥ 24)'])
  })

  it('is silent at the baseline and never judges unknown values', () => {
    expect(check(passwordPolicy({ minimumLength: known(14, 2), reusePrevention: known(24, 3) }))).toEqual([])
    expect(check(passwordPolicy({ minimumLength: unknown(2, 'var.len'), reusePrevention: known(24, 3) }))).toEqual([])
  })

  it('judges age and character classes only when the rulebook asks', () => {
    const strong = passwordPolicy({ minimumLength: known(14, 2), reusePrevention: known(24, 3), maxAge: known(365, 4), requireSymbols: known(true, 5) })
    expect(check(strong)).toEqual([])
    const findings = check(strong, { maximum_age_days: 90, require_character_classes: true })
    expect(findings.map((f) => `${f.loc.startLine} ${f.message}`)).toEqual(['4 Password policy below the baseline: maximum age 365 days (needs ≤ 90); uppercase not required; lowercase not required; numbers not required'])
  })
})
