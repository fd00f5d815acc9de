import { describe, expect, it } from 'vitest'
import adminRule from '../../src/rules/iam/admin-managed-policy-attached.js'
import githubRule from '../../src/rules/iam/oidc-github-unrestricted.js'
import oidcRule from '../../src/rules/iam/oidc-unrestricted.js'
import escalationRule from '../../src/rules/iam/privilege-escalation.js'
import crossAccountRule from '../../src/rules/iam/trust-cross-account-no-external-id.js'
import untrustedRule from '../../src/rules/iam/trust-untrusted-account.js'
import wildcardActionRule from '../../src/rules/resource-policy/cross-account-wildcard-action.js'
import type { AnyRule } from '../../src/rules/types.js'
import { scanExample, type ExampleFramework } from '../helpers/examples.js'

// Rules reading the known text of partly unknown strings, through the whole pipeline (parse → extract → rules).

async function linesOf(rule: AnyRule, framework: ExampleFramework, code: string, params: object = {}): Promise<number[]> {
  const findings = await scanExample(rule, framework, { code, params })
  return findings.filter((f) => f.ruleId === rule.id).map((f) => f.loc.startLine)
}

const cfnTrust = (principal: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: ${principal}
`

const tfTrust = (principal: string) => `data "aws_partition" "current" {}
variable "partner_account" {}

resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "${principal}" }
    }]
  })
}
`

describe('accounts read from ARN patterns', () => {
  it('a principal ARN whose partition is unknown still names its account', async () => {
    expect(await linesOf(crossAccountRule, 'cloudformation', cfnTrust('!Sub arn:${AWS::Partition}:iam::999988887777:root'))).toEqual([11])
    expect(await linesOf(crossAccountRule, 'terraform', tfTrust('arn:${data.aws_partition.current.partition}:iam::999988887777:root'))).toEqual([11])
    expect(await linesOf(untrustedRule, 'cloudformation', cfnTrust('!Sub arn:${AWS::Partition}:iam::999988887777:role/ci'), { trusted_accounts: ['111122223333'] })).toEqual([11])
  })

  it('an unknown account, or an unknown before the account other than the partition, names none', async () => {
    expect(await linesOf(crossAccountRule, 'cloudformation', cfnTrust('!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root'))).toEqual([])
    expect(await linesOf(crossAccountRule, 'terraform', tfTrust('arn:aws:iam::${var.partner_account}:root'))).toEqual([])
    expect(await linesOf(crossAccountRule, 'terraform', tfTrust('arn:aws:${var.partner_account}::999988887777:root'))).toEqual([])
  })

  it('a resource ARN pattern with a literal account makes that account the resource\'s own', async () => {
    const queuePolicy = (resource: string) => `Resources:
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: sqs:*
            Resource: ${resource}
`
    expect(await linesOf(wildcardActionRule, 'cloudformation', queuePolicy('!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:111122223333:jobs'))).toEqual([])
    expect(await linesOf(wildcardActionRule, 'cloudformation', queuePolicy('!Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs'))).toEqual([12])
  })
})

describe('GitHub OIDC behind a partly unknown provider ARN', () => {
  const trust = (federated: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: ${federated}
`

  it('is GitHub federation, left to iam/oidc-github-unrestricted', async () => {
    const github = trust('!Join ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":oidc-provider/token.actions.githubusercontent.com"]]')
    expect(await linesOf(githubRule, 'cloudformation', github)).toEqual([11, 11])
    expect(await linesOf(oidcRule, 'cloudformation', github)).toEqual([])
  })

  it('is another OIDC or a SAML provider when the known text says so, and unknown when the issuer is a hole', async () => {
    expect(await linesOf(oidcRule, 'cloudformation', trust('!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/accounts.google.com'))).toEqual([11])
    expect(await linesOf(oidcRule, 'cloudformation', trust('!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/${IdpName}'))).toEqual([11])
    expect(await linesOf(githubRule, 'cloudformation', trust('!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Issuer}'))).toEqual([])
  })
})

describe('AWS managed policies attached by an ARN with an unknown partition', () => {
  const role = (arn: string) => `Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: codebuild.amazonaws.com
      ManagedPolicyArns:
        - ${arn}
`

  it('are the policies they name, for the principal\'s permissions', async () => {
    expect(await linesOf(escalationRule, 'cloudformation', role('!Sub arn:${AWS::Partition}:iam::aws:policy/IAMFullAccess'))).toEqual([13])
    expect(await linesOf(escalationRule, 'cloudformation', role('!Sub arn:${AWS::Partition}:iam::aws:policy/${PolicyName}'))).toEqual([])
    expect(await linesOf(adminRule, 'cloudformation', role('!Sub arn:aws:iam::${AWS::AccountId}:policy/AdministratorAccess'))).toEqual([])
  })
})
