import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AwsModel } from '../../src/model/aws.js'
import { isUnknown } from '../../src/model/source.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { lineOf } from '../helpers/values.js'

/** The identity extract behind the real parsers: files on disk → scan() → the model. */

async function scanFiles(files: Record<string, string>): Promise<{ model: AwsModel; findings: Finding[] }> {
  const root = mkdtempSync(join(tmpdir(), 'policygate-identity-'))
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text)
    const { model, findings } = await scan({ root, rulebook: { source: 'test', rules: [], apply: (found: Finding[]) => found } })
    return { model, findings }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  TrustedAccount:
    Type: String
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${TrustedAccount}:root
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Ref Shared
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      Policies:
        - PolicyName: inline
          PolicyDocument: >
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow",
               "Action": "s3:*", "Resource": "*"}]}
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: logs:*
            Resource: !GetAtt Bucket.Arn
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Bucket
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: '*'
  Guard:
    Type: AWS::Organizations::Policy
    Properties:
      Name: guard
      Type: SERVICE_CONTROL_POLICY
      Content: '{"Statement": {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}}'
      TargetIds: [r-ab12]
`

describe('CloudFormation through the real parser', () => {
  let model: AwsModel
  let findings: Finding[]
  beforeAll(async () => ({ model, findings } = await scanFiles({ 'template.yaml': template })))

  it('reads roles, their trust, inline documents (folded JSON keeps its lines) and joined managed policies', () => {
    const role = model.iam.roles.find((r) => r.meta.address === 'AppRole')!
    expect(role.meta.loc.startLine).toBe(lineOf(template, 'AppRole:'))
    const principal = role.trust!.statements[0]!.principals![0]!
    expect(principal.type).toBe('AWS')
    expect(isUnknown(principal.value.value)).toBe(true)
    expect(principal.value.loc.startLine).toBe(lineOf(template, 'AWS: !Sub'))
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: 's3:*', loc: { startLine: lineOf(template, '"Action": "s3:*"') } })
    expect(role.managedPolicies.map((a) => a.policy?.meta.address)).toEqual(['Shared', undefined])
    expect(role.managedPolicies[1]!.policyArn).toMatchObject({ value: 'arn:aws:iam::aws:policy/ReadOnlyAccess', loc: { startLine: lineOf(template, 'ReadOnlyAccess') } })
  })

  it('builds the SAM execution role with its template attachment and inline statement', () => {
    const role = model.iam.roles.find((r) => r.meta.address === 'FnRole')!
    expect(role.trust!.statements[0]!.principals![0]!.value.value).toBe('lambda.amazonaws.com')
    expect(role.managedPolicies.map((a) => a.policyArn.value)).toContain('S3ReadPolicy')
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]).toMatchObject({ value: 'sqs:SendMessage', loc: { startLine: lineOf(template, 'sqs:SendMessage') } })
  })

  it('joins the bucket policy and public access block to the bucket, and reads the SCP string', () => {
    const bucket = model.s3.buckets[0]!
    expect(bucket.publicAccessBlock?.blockPublicAcls).toMatchObject({ value: true, loc: { startLine: lineOf(template, 'BlockPublicAcls: true') } })
    expect(bucket.publicAccessBlock?.blockPublicPolicy).toMatchObject({ value: false, explicit: false })
    expect(bucket.policy?.document.statements[0]!.principals).toMatchObject([{ type: '*', value: { loc: { startLine: lineOf(template, "Principal: '*'") } } }])
    const scp = model.organizations.scps[0]!
    expect(scp.document.statements[0]!.actions![0]).toMatchObject({ value: 'iam:CreateUser', loc: { startLine: lineOf(template, 'Content:') } })
    expect(scp.targets).toMatchObject([{ isRoot: true, targetId: { value: 'r-ab12' } }])
  })

  it('leaves no diagnostics for a template whose documents are all readable', () => {
    expect(findings.filter((f) => f.ruleId.startsWith('policygate/'))).toEqual([])
  })
})


const terraform = `variable "trusted_account" {}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${var.trusted_account}:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["shared-secret"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "app-role"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = "\${aws_s3_bucket.site.arn}/*"
    }]
  })
}

resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.app.id
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sqs:*",
      "Resource": "\${aws_sqs_queue.jobs.arn}"
    }
  ]
}
EOT
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_s3_bucket" "site" {
  bucket = "site-bucket"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["\${aws_s3_bucket.site.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_user_group_membership" "ci" {
  user   = aws_iam_user.ci.name
  groups = [aws_iam_group.deployers.name]
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_organizations_organization" "org" {}

resource "aws_organizations_policy" "guard" {
  name    = "guard"
  content = file("\${path.module}/scp.json")
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guard.id
  target_id = aws_organizations_organization.org.roots[0].id
}
`

const scpJson = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*" }
  ]
}
`

describe('Terraform through the real parser', () => {
  let model: AwsModel
  let findings: Finding[]
  beforeAll(async () => ({ model, findings } = await scanFiles({ 'main.tf': terraform, 'scp.json': scpJson })))

  it('reads the trust from an aws_iam_policy_document, with the unknown account kept unknown', () => {
    const role = model.iam.roles[0]!
    const statement = role.trust!.statements[0]!
    expect(statement.actions![0]).toMatchObject({ value: 'sts:AssumeRole', loc: { file: 'main.tf', startLine: lineOf(terraform, 'actions = ["sts:AssumeRole"]') } })
    expect(statement.principals![0]!.type).toBe('AWS')
    expect(isUnknown(statement.principals![0]!.value.value)).toBe(true)
    expect(statement.conditions[0]!.key).toMatchObject({ value: 'sts:ExternalId', loc: { startLine: lineOf(terraform, '"sts:ExternalId"') } })
  })

  it('joins the jsonencode customer policy and the heredoc inline policy to the role, every element at its line', () => {
    const role = model.iam.roles[0]!
    const attached = role.managedPolicies[0]!
    expect(attached.meta.address).toBe('aws_iam_role_policy_attachment.deploy')
    expect(attached.policy?.document.statements[0]!.actions!.map((a) => [a.value, a.loc.startLine])).toEqual([
      ['s3:PutObject', lineOf(terraform, '"s3:PutObject"')],
      ['s3:GetObject', lineOf(terraform, '"s3:PutObject"')],
    ])
    const inline = role.inlinePolicies[0]!
    expect(inline.owner.address).toBe('aws_iam_role_policy.inline')
    expect(inline.statements[0]!.actions![0]).toMatchObject({ value: 'sqs:*', loc: { startLine: lineOf(terraform, '"sqs:*"') } })
    expect(isUnknown(inline.statements[0]!.resources![0]!.value)).toBe(true)
  })

  it('joins users to groups, access keys, bucket policy and public access block', () => {
    expect(model.iam.users[0]!.groups[0]!.group).toBe(model.iam.groups[0])
    expect(model.iam.accessKeys[0]!.status).toMatchObject({ value: 'Active', explicit: false })
    const bucket = model.s3.buckets[0]!
    expect(bucket.policy?.targetRef).toBe('aws_s3_bucket.site.id')
    expect(bucket.policy?.document.statements[0]!.conditions[0]!.key.value).toBe('aws:SecureTransport')
    expect(bucket.publicAccessBlock?.ignorePublicAcls).toMatchObject({ value: false, explicit: false })
  })

  it('reads an SCP from file() with the lines of that file, attached to the root', () => {
    const scp = model.organizations.scps[0]!
    expect(scp.document.statements[0]!.actions![0]).toMatchObject({ value: 'organizations:LeaveOrganization', loc: { file: 'scp.json', startLine: lineOf(scpJson, 'LeaveOrganization') } })
    expect(scp.targets).toMatchObject([{ isRoot: true, loc: { startLine: lineOf(terraform, 'resource "aws_organizations_policy_attachment"') } }])
  })

  it('parses without errors', () => {
    expect(findings.filter((f) => f.ruleId === 'policygate/parse-error')).toEqual([])
  })
})

const plan = JSON.stringify({
  format_version: '1.2',
  planned_values: {
    root_module: {
      child_modules: [{
        address: 'module.app',
        resources: [
          {
            address: 'module.app.aws_iam_role.app', mode: 'managed', type: 'aws_iam_role', name: 'app',
            values: {
              name: 'app-role',
              assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
              inline_policy: [{ name: 'inline', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }],
            },
          },
          { address: 'module.app.aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'p', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }) } },
          { address: 'module.app.aws_iam_role_policy_attachment.a', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'a', values: { role: 'app-role' } },
        ],
      }],
    },
  },
  resource_changes: [
    { address: 'module.app.aws_iam_policy.p', change: { after_unknown: { arn: true } } },
    { address: 'module.app.aws_iam_role_policy_attachment.a', change: { after_unknown: { policy_arn: true } } },
  ],
  configuration: {
    root_module: {
      module_calls: {
        app: { module: { resources: [{ address: 'aws_iam_role_policy_attachment.a', expressions: { policy_arn: { references: ['aws_iam_policy.p.arn', 'aws_iam_policy.p'] } } }] } },
      },
    },
  },
}, null, 2)

describe('a Terraform plan through the real parser', () => {
  it('reads JSON-string documents and joins an attachment whose ARN is known only after apply, by its configuration reference', async () => {
    const { model, findings } = await scanFiles({ 'plan.json': plan })
    expect(findings.filter((f) => f.ruleId.startsWith('policygate/'))).toEqual([])
    const role = model.iam.roles[0]!
    expect(role.meta.address).toBe('module.app.aws_iam_role.app')
    expect(role.trust!.statements[0]!.principals![0]).toMatchObject({ type: 'AWS', value: { value: '*', loc: { file: 'plan.json', startLine: lineOf(plan, '"assume_role_policy"') } } })
    expect(role.inlinePolicies[0]!.statements[0]!.actions![0]!.value).toBe('*')
    expect(role.managedPolicies).toHaveLength(1)
    expect(isUnknown(role.managedPolicies[0]!.policyArn.value)).toBe(true)
    expect(role.managedPolicies[0]!.policy?.meta.address).toBe('module.app.aws_iam_policy.p')
  })
})
