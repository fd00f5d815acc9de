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

