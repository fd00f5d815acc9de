import { describe, expect, it } from 'vitest'
import type { IamRole, IamUser } from '../../src/model/aws.js'
import { isUnknown } from '../../src/model/source.js'
import { extract, lineOf, terraformUnit } from '../helpers/values.js'

const roleTf = `{
  "resource": {
    "aws_iam_role": {
      "app": {
        "name": "app-role",
        "assume_role_policy": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "Service": "ec2.amazonaws.com" } }]
        },
        "permissions_boundary": "arn:aws:iam::111122223333:policy/boundary",
        "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "@unknown(aws_iam_policy.deploy.arn)"],
        "inline_policy": [
          { "name": "inline", "policy": { "Statement": [{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" }] } }
        ]
      }
    },
    "aws_iam_policy": {
      "deploy": {
        "name": "deploy",
        "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*" }] }
      }
    },
    "aws_iam_role_policy": {
      "extra": {
        "role": "@ref(aws_iam_role.app.id)=app-role",
        "policy": { "Statement": [{ "Effect": "Allow", "Action": "ec2:*", "Resource": "*" }] }
      }
    },
    "aws_iam_role_policy_attachment": {
      "by_name": { "role": "app-role", "policy_arn": "arn:aws:iam::111122223333:policy/deploy" }
    }
  }
}`

function roleModel(text: string) {
  const { model, diagnostics } = extract(terraformUnit(text))
  return { model, diagnostics, role: model.iam.roles[0]! }
}

describe('Terraform aws_iam_role and its policies', () => {
  it('reads name, trust, boundary, inline blocks and managed_policy_arns with their lines', () => {
    const { role, diagnostics } = roleModel(roleTf)
    expect(diagnostics).toEqual([])
    expect(role.meta).toMatchObject({ address: 'aws_iam_role.app', sourceType: 'aws_iam_role', loc: { startLine: lineOf(roleTf, '"app": {') } })
    expect(role.name).toMatchObject({ value: 'app-role', explicit: true, loc: { startLine: lineOf(roleTf, '"name": "app-role"') } })
    expect(role.trust?.kind).toBe('trust')
    expect(role.trust?.statements[0]!.principals![0]).toMatchObject({ type: 'Service', value: { value: 'ec2.amazonaws.com', loc: { startLine: lineOf(roleTf, 'ec2.amazonaws.com') } } })
    expect(role.permissionsBoundary).toMatchObject({ value: 'arn:aws:iam::111122223333:policy/boundary', loc: { startLine: lineOf(roleTf, 'policy/boundary') } })
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: 'sqs:SendMessage', loc: { startLine: lineOf(roleTf, 'sqs:SendMessage') } })
    expect(role.inlinePolicies[0]!.owner.address).toBe('aws_iam_role.app')
  })

  it('joins aws_iam_role_policy by reference and attachments by literal name and ARN to the customer policy', () => {
    const { role, model } = roleModel(roleTf)
    const extra = role.inlinePolicies.find((d) => d.owner.address === 'aws_iam_role_policy.extra')
    expect(extra?.statements[0]!.actions![0]!.loc.startLine).toBe(lineOf(roleTf, '"ec2:*"'))
    const deploy = model.iam.policies[0]!
    expect(deploy).toMatchObject({ name: { value: 'deploy' }, meta: { address: 'aws_iam_policy.deploy' } })
    const [readOnly, byReference, byArn] = role.managedPolicies
    expect(readOnly).toMatchObject({ policyArn: { value: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, loc: { startLine: lineOf(roleTf, 'ReadOnlyAccess') } })
    expect(readOnly!.policy).toBeUndefined()
    expect(byReference!.policy).toBe(deploy)
    expect(byArn).toMatchObject({ meta: { address: 'aws_iam_role_policy_attachment.by_name' }, loc: { startLine: lineOf(roleTf, '"by_name"') } })
    expect(byArn!.policy).toBe(deploy)
  })

  it('records every document once in policyDocuments', () => {
    const { model } = roleModel(roleTf)
    expect(model.policyDocuments.map((d) => [d.owner.address, d.kind])).toEqual([
      ['aws_iam_role.app', 'trust'],
      ['aws_iam_role.app', 'identity'],
      ['aws_iam_policy.deploy', 'identity'],
      ['aws_iam_role_policy.extra', 'identity'],
    ])
  })

  it('joins attachments and inline policies declared before their role', () => {
    const text = `{
  "resource": {
    "aws_iam_role_policy_attachment": { "first": { "role": "@unknown(aws_iam_role.late.name)", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess" } },
    "aws_iam_role_policy": { "first": { "role": "@unknown(aws_iam_role.late.id)", "policy": "@unknown(var.policy)" } },
    "aws_iam_role": { "late": { "assume_role_policy": "@unknown(data.aws_iam_policy_document.trust.json)" } }
  }
}`
    const { role, diagnostics } = roleModel(text)
    expect(role.managedPolicies.map((a) => a.policyArn.value)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess'])
    expect(role.inlinePolicies).toHaveLength(1)
    expect(role.inlinePolicies[0]!.unknown?.ref).toBe('var.policy')
    expect(role.trust?.unknown?.ref).toBe('data.aws_iam_policy_document.trust.json')
    expect(isUnknown(role.name.value)).toBe(true)
    expect(role.name).toMatchObject({ explicit: false, loc: { startLine: 5, endLine: 5 } })
    expect(diagnostics.map((d) => [d.kind, d.loc.startLine])).toEqual([['unresolved', 4], ['unresolved', 5]])
  })

  it('attaches aws_iam_policy_attachment to every listed role, user and group', () => {
    const text = `{
  "resource": {
    "aws_iam_policy_attachment": {
      "all": {
        "name": "all",
        "roles": ["@unknown(aws_iam_role.r.name)"],
        "users": ["alice"],
        "groups": ["@ref(aws_iam_group.g.name)=devs"],
        "policy_arn": "@unknown(aws_iam_policy.p.arn)"
      }
    },
    "aws_iam_role": { "r": { "name": "r" } },
    "aws_iam_user": { "alice": { "name": "alice" } },
    "aws_iam_group": { "g": { "name": "devs" } },
    "aws_iam_policy": { "p": { "policy": "{\\"Statement\\": []}" } }
  }
}`
    const { model } = extract(terraformUnit(text))
    const principals = [model.iam.roles[0]!, model.iam.users[0]!, model.iam.groups[0]!]
    for (const principal of principals) {
      expect(principal.managedPolicies).toHaveLength(1)
      expect(principal.managedPolicies[0]!.policy).toBe(model.iam.policies[0])
      expect(principal.managedPolicies[0]!.loc.startLine).toBe(4)
    }
    expect(model.iam.policies[0]!.name).toMatchObject({ explicit: false })
  })
})

describe('Terraform users, groups and memberships', () => {
  const text = `{
  "resource": {
    "aws_iam_user_group_membership": { "m": { "user": "@ref(aws_iam_user.bob.name)=bob", "groups": ["@ref(aws_iam_group.ops.name)=ops", "outside"] } },
    "aws_iam_group_membership": { "team": { "name": "team", "group": "ops", "users": ["@ref(aws_iam_user.carol.name)=carol"] } },
    "aws_iam_user": {
      "bob": { "name": "bob", "permissions_boundary": "arn:aws:iam::111122223333:policy/boundary" },
      "carol": { "name": "carol" }
    },
    "aws_iam_group": { "ops": { "name": "ops" } },
    "aws_iam_user_policy": { "bob": { "user": "bob", "policy": { "Statement": { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } } } },
    "aws_iam_user_policy_attachment": { "bob": { "user": "arn:aws:iam::111122223333:user/bob", "policy_arn": "arn:aws:iam::aws:policy/IAMFullAccess" } },
    "aws_iam_group_policy": { "ops": { "group": "@ref(aws_iam_group.ops.id)=ops", "policy": { "Statement": { "Effect": "Allow", "Action": "ec2:*", "Resource": "*" } } } },
    "aws_iam_group_policy_attachment": { "ops": { "group": "ops", "policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess" } },
    "aws_iam_access_key": { "bob": { "user": "@ref(aws_iam_user.bob.name)=bob" } }
  }
}`

  it('joins users to groups from both membership resources, keeping groups outside the code by name', () => {
    const { model } = extract(terraformUnit(text))
    const [bob, carol] = model.iam.users as [IamUser, IamUser]
    const ops = model.iam.groups[0]!
    expect(bob.groups.map((g) => [g.name.value, g.group])).toEqual([['ops', ops], ['outside', undefined]])
    expect(bob.groups[0]!.name.loc.startLine).toBe(3)
    expect(carol.groups).toEqual([{ name: expect.objectContaining({ value: 'ops', loc: expect.objectContaining({ startLine: 4 }) }), group: ops }])
  })

  it('puts inline policies and attachments on users (also by ARN) and groups', () => {
    const { model } = extract(terraformUnit(text))
    const bob = model.iam.users[0]!
    const ops = model.iam.groups[0]!
    expect(bob.permissionsBoundary?.loc.startLine).toBe(6)
    expect(bob.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: 's3:*', loc: { startLine: 10 } })
    expect(bob.managedPolicies[0]!.policyArn).toMatchObject({ value: 'arn:aws:iam::aws:policy/IAMFullAccess', loc: { startLine: 11 } })
    expect(ops.inlinePolicies[0]!.statements[0]!.actions![0]!.value).toBe('ec2:*')
    expect(ops.managedPolicies[0]!.policyArn.value).toBe('arn:aws:iam::aws:policy/PowerUserAccess')
  })

  it('reads access keys with the Active default', () => {
    const { model } = extract(terraformUnit(text))
    expect(model.iam.accessKeys).toMatchObject([
      { meta: { address: 'aws_iam_access_key.bob' }, user: { value: 'bob', loc: { startLine: 14 } }, status: { value: 'Active', explicit: false, loc: { startLine: 14 } } },
    ])
  })
})

describe('Terraform account settings and federation', () => {
  it('reads a password policy, defaulting what is absent to the AWS API defaults at the resource line', () => {
    const text = `{
  "resource": {
    "aws_iam_account_password_policy": {
      "strict": {
        "minimum_password_length": 14,
        "require_symbols": true,
        "password_reuse_prevention": "@unknown(var.reuse)"
      }
    }
  }
}`
    const [policy] = extract(terraformUnit(text)).model.iam.passwordPolicies
    expect(policy).toMatchObject({
      minimumLength: { value: 14, explicit: true, loc: { startLine: 5 } },
      requireSymbols: { value: true, loc: { startLine: 6 } },
      maxAge: { value: 0, explicit: false, loc: { startLine: 4 } },
      requireNumbers: { value: false, explicit: false },
      requireUppercase: { value: false, explicit: false },
      requireLowercase: { value: false, explicit: false },
    })
    expect(isUnknown(policy!.reusePrevention.value)).toBe(true)
    const empty = extract(terraformUnit('{ "resource": { "aws_iam_account_password_policy": { "default": {} } } }')).model.iam.passwordPolicies[0]!
    expect([empty.minimumLength.value, empty.reusePrevention.value]).toEqual([6, 0])
  })

  it('reads OIDC providers and binds the unauthenticated role of a Cognito identity pool', () => {
    const text = `{
  "resource": {
    "aws_cognito_identity_pool_roles_attachment": {
      "main": {
        "identity_pool_id": "@unknown(aws_cognito_identity_pool.main.id)",
        "roles": { "authenticated": "@unknown(aws_iam_role.auth.arn)", "unauthenticated": "@unknown(aws_iam_role.guest.arn)" }
      }
    },
    "aws_cognito_identity_pool": { "main": { "identity_pool_name": "main", "allow_unauthenticated_identities": true } },
    "aws_iam_role": { "auth": { "name": "auth" }, "guest": { "name": "guest" } },
    "aws_iam_openid_connect_provider": {
      "github": { "url": "https://token.actions.githubusercontent.com", "client_id_list": ["sts.amazonaws.com"] }
    }
  }
}`
    const { model } = extract(terraformUnit(text))
    const pool = model.iam.identityPools[0]!
    expect(pool.allowUnauthenticated).toMatchObject({ value: true, loc: { startLine: 9 } })
    expect(pool.unauthenticatedRole).toBe(model.iam.roles.find((r: IamRole) => r.name.value === 'guest'))
    expect(model.iam.oidcProviders).toMatchObject([
      { url: { value: 'https://token.actions.githubusercontent.com', loc: { startLine: 12 } }, clientIds: [{ value: 'sts.amazonaws.com', loc: { startLine: 12 } }] },
    ])
  })
})
