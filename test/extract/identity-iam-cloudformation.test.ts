import { describe, expect, it } from 'vitest'
import { isUnknown } from '../../src/model/source.js'
import { cloudformationUnit, extract, lineOf } from '../helpers/values.js'

const template = `{
  "Resources": {
    "AppPolicy": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyName": "app",
        "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*" }] },
        "Roles": ["@ref(AppRole)=app-role"],
        "Users": ["@unknown(Deployer)"],
        "Groups": ["admins"]
      }
    },
    "Managed": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "ManagedPolicyName": "managed",
        "PolicyDocument": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"kms:Decrypt\\", \\"Resource\\": \\"*\\"}]}",
        "Roles": ["@unknown(AppRole)"]
      }
    },
    "AppRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "app-role",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::999988887777:root" }, "Action": "sts:AssumeRole" }]
        },
        "PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary",
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess", "@unknown(Shared.Arn)"],
        "Policies": [
          { "PolicyName": "inline", "PolicyDocument": { "Statement": [{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }] } }
        ]
      }
    },
    "RolePolicy": {
      "Type": "AWS::IAM::RolePolicy",
      "Properties": {
        "PolicyName": "extra",
        "RoleName": "@ref(AppRole)=app-role",
        "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "sns:Publish", "Resource": "*" }] }
      }
    },
    "Shared": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": { "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "logs:*", "Resource": "*" }] } }
    },
    "Deployer": {
      "Type": "AWS::IAM::User",
      "Properties": {
        "UserName": "deployer",
        "Groups": ["@ref(Admins)=admins"],
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/PowerUserAccess"],
        "Policies": [{ "PolicyName": "direct", "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } }]
      }
    },
    "Admins": {
      "Type": "AWS::IAM::Group",
      "Properties": { "GroupName": "admins", "ManagedPolicyArns": ["arn:aws:iam::aws:policy/IAMFullAccess"] }
    },
    "GroupPolicy": {
      "Type": "AWS::IAM::GroupPolicy",
      "Properties": { "GroupName": "@ref(Admins)=admins", "PolicyName": "g", "PolicyDocument": { "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*" }] } }
    },
    "UserPolicy": {
      "Type": "AWS::IAM::UserPolicy",
      "Properties": { "UserName": "deployer", "PolicyName": "u", "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "ec2:*", "Resource": "*" }] } }
    },
    "Addition": {
      "Type": "AWS::IAM::UserToGroupAddition",
      "Properties": { "GroupName": "ops", "Users": ["@ref(Deployer)=deployer"] }
    },
    "Key": {
      "Type": "AWS::IAM::AccessKey",
      "Properties": { "UserName": "@ref(Deployer)=deployer", "Status": "Inactive" }
    }
  }
}`

describe('CloudFormation IAM roles and policies', () => {
  const { model, diagnostics } = extract(cloudformationUnit(template))
  const role = model.iam.roles[0]!

  it('reads the role with trust, boundary, inline Policies and ManagedPolicyArns at their lines', () => {
    expect(diagnostics).toEqual([])
    expect(role.meta).toMatchObject({ address: 'AppRole', sourceType: 'AWS::IAM::Role', loc: { startLine: lineOf(template, '"AppRole": {') } })
    expect(role.name).toMatchObject({ value: 'app-role', loc: { startLine: lineOf(template, '"RoleName": "app-role"') } })
    expect(role.trust?.statements[0]!.principals![0]).toMatchObject({ type: 'AWS', value: { value: 'arn:aws:iam::999988887777:root', loc: { startLine: lineOf(template, '999988887777') } } })
    expect(role.permissionsBoundary?.loc.startLine).toBe(lineOf(template, 'policy/boundary'))
    const inline = role.inlinePolicies.find((d) => d.owner.address === 'AppRole')
    expect(inline?.statements[0]!.notActions![0]).toMatchObject({ value: 'iam:*', loc: { startLine: lineOf(template, '"NotAction"') } })
  })

  it('joins AWS::IAM::Policy and RolePolicy to the role, by reference and by name, in any order', () => {
    const owners = role.inlinePolicies.map((d) => d.owner.address).sort()
    expect(owners).toEqual(['AppPolicy', 'AppRole', 'RolePolicy'])
    const deployer = model.iam.users[0]!
    expect(deployer.inlinePolicies.map((d) => d.owner.address).sort()).toEqual(['AppPolicy', 'Deployer', 'UserPolicy'])
    expect(model.iam.groups[0]!.inlinePolicies.map((d) => d.owner.address).sort()).toEqual(['AppPolicy', 'GroupPolicy'])
  })

  it('links managed policies: ManagedPolicyArns by reference, ManagedPolicy.Roles from the policy side', () => {
    const [admin, shared, managed] = role.managedPolicies
    expect(admin).toMatchObject({ policyArn: { value: 'arn:aws:iam::aws:policy/AdministratorAccess', loc: { startLine: lineOf(template, 'AdministratorAccess') } } })
    expect(admin!.policy).toBeUndefined()
    expect(shared!.policy?.meta.address).toBe('Shared')
    expect(isUnknown(shared!.policy?.name.value)).toBe(true)
    expect(managed!.policy?.meta.address).toBe('Managed')
    expect(managed!.meta.address).toBe('Managed')
    expect(managed!.loc.startLine).toBe(lineOf(template, '"Roles": ["@unknown(AppRole)"]'))
  })

  it('reads a managed policy written as a JSON string', () => {
    const managed = model.iam.policies.find((p) => p.meta.address === 'Managed')!
    expect(managed.name.value).toBe('managed')
    expect(managed.document.statements[0]!.actions![0]).toMatchObject({ value: 'kms:Decrypt', loc: { startLine: lineOf(template, 'kms:Decrypt') } })
  })

  it('reads users, groups, memberships and access keys', () => {
    const deployer = model.iam.users[0]!
    const admins = model.iam.groups[0]!
    expect(deployer.groups.map((g) => [g.name.value, g.group?.meta.address])).toEqual([['admins', 'Admins'], ['ops', undefined]])
    expect(deployer.managedPolicies[0]!.policyArn.value).toBe('arn:aws:iam::aws:policy/PowerUserAccess')
    expect(admins.managedPolicies[0]!.policyArn.loc.startLine).toBe(lineOf(template, 'IAMFullAccess'))
    expect(model.iam.accessKeys).toMatchObject([{ meta: { address: 'Key' }, user: { value: 'deployer' }, status: { value: 'Inactive', loc: { startLine: lineOf(template, 'Inactive') } } }])
  })
})

describe('CloudFormation federation', () => {
  it('reads OIDC providers and the unauthenticated role of an identity pool', () => {
    const text = `{
  "Resources": {
    "Attachment": {
      "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
      "Properties": { "IdentityPoolId": "@unknown(Pool)", "Roles": { "unauthenticated": "@unknown(Guest.Arn)" } }
    },
    "Pool": { "Type": "AWS::Cognito::IdentityPool", "Properties": { "AllowUnauthenticatedIdentities": true } },
    "Guest": { "Type": "AWS::IAM::Role", "Properties": {} },
    "GitHub": {
      "Type": "AWS::IAM::OIDCProvider",
      "Properties": { "Url": "https://token.actions.githubusercontent.com", "ClientIdList": ["sts.amazonaws.com"] }
    }
  }
}`
    const { model } = extract(cloudformationUnit(text))
    expect(model.iam.identityPools[0]).toMatchObject({ allowUnauthenticated: { value: true, loc: { startLine: 7 } } })
    expect(model.iam.identityPools[0]!.unauthenticatedRole?.meta.address).toBe('Guest')
    expect(model.iam.roles[0]!.trust).toBeUndefined()
    expect(model.iam.oidcProviders[0]).toMatchObject({ url: { value: 'https://token.actions.githubusercontent.com', loc: { startLine: 11 } }, clientIds: [{ value: 'sts.amazonaws.com' }] })
  })
})

describe('SAM execution roles', () => {
  const sam = `{
  "Resources": {
    "Api": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Runtime": "nodejs20.x",
        "Tracing": "Active",
        "PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary",
        "Policies": [
          "AmazonS3ReadOnlyAccess",
          "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
          "@unknown(Custom)",
          { "DynamoDBCrudPolicy": { "TableName": "orders" } },
          { "Statement": [{ "Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*" }] }
        ]
      }
    },
    "Custom": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": { "Statement": [] } } },
    "Flow": { "Type": "AWS::Serverless::StateMachine", "Properties": { "Policies": "AWSLambdaRole" } },
    "WithRole": { "Type": "AWS::Serverless::Function", "Properties": { "Role": "arn:aws:iam::111122223333:role/given", "Policies": ["AdministratorAccess"] } }
  }
}`
  const { model } = extract(cloudformationUnit(sam))

  it('creates the implicit role <Id>Role with a service trust at the function line', () => {
    expect(model.iam.roles.map((r) => r.meta.address)).toEqual(['ApiRole', 'FlowRole'])
    const role = model.iam.roles[0]!
    const trust = role.trust!
    expect(trust.statements[0]).toMatchObject({ effect: { value: 'Allow', explicit: false, loc: { startLine: 3 } }, actions: [{ value: 'sts:AssumeRole' }] })
    expect(trust.statements[0]!.principals).toMatchObject([{ type: 'Service', value: { value: 'lambda.amazonaws.com' } }])
    expect(model.iam.roles[1]!.trust!.statements[0]!.principals![0]!.value.value).toBe('states.amazonaws.com')
    expect(model.policyDocuments).toContain(trust)
    expect(role.permissionsBoundary?.loc.startLine).toBe(8)
  })

  it('turns Policies into attachments (names to AWS managed ARNs, templates by name) and inline documents', () => {
    const role = model.iam.roles[0]!
    expect(role.managedPolicies.map((a) => [a.policyArn.value, a.policyArn.explicit, a.loc.startLine])).toEqual([
      ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', false, 3],
      ['arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', false, 3],
      ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', true, 10],
      ['arn:aws:iam::aws:policy/AmazonSQSFullAccess', true, 11],
      [expect.objectContaining({ ref: 'Custom' }), true, 12],
      ['DynamoDBCrudPolicy', true, 13],
    ])
    expect(role.managedPolicies[4]!.policy?.meta.address).toBe('Custom')
    expect(role.inlinePolicies).toHaveLength(1)
    expect(role.inlinePolicies[0]!.owner.address).toBe('Api')
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: 'ses:SendEmail', loc: { startLine: 14 } })
    expect(model.iam.roles[1]!.managedPolicies.map((a) => a.policyArn.value)).toEqual(['arn:aws:iam::aws:policy/AWSLambdaRole'])
  })
})
