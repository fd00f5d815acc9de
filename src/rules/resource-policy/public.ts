import type { AwsModel, S3Bucket } from '../../model/aws.js'
import { isAnyone, publicStatements } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'

// Canned ACLs that grant to AllUsers or to AuthenticatedUsers (anyone with any AWS account); compared without case or dashes.
const PUBLIC_ACLS = new Set(['publicread', 'publicreadwrite', 'authenticatedread'])

/** With IgnorePublicAcls on (bucket or account level, in the scanned code), S3 disregards public ACLs. */
function aclsIgnored(bucket: S3Bucket, aws: AwsModel): boolean {
  const blocks = [bucket.publicAccessBlock, ...aws.s3.accountPublicAccessBlocks]
  return blocks.some((block) => block?.ignorePublicAcls.value === true)
}

export default defineRule({
  id: 'resource-policy/public',
  severity: 'critical',
  title: 'Resource policy or ACL open to everyone',
  why: 'An Allow to Principal `*` without a condition on who the caller is (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, …), and without a Deny that turns away everyone else, lets any AWS account, and for many services anonymous callers, use the resource. Public-read, public-read-write and authenticated-read bucket ACLs do the same for S3 objects. Severity: critical: everyone on the internet can act on the resource.',
  fix: 'Name the accounts or roles that need access in Principal, or keep `*` and add a condition such as aws:PrincipalOrgID or aws:SourceVpce; use a private bucket ACL (and S3 Object Ownership "BucketOwnerEnforced").',
  links: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
  ],
  // An API policy open to anyone is the public resource policy this rule reports, at the same Principal.
  subsumes: { within: 'entry', rules: ['apigw/resource-policy-public'] },
  check({ aws }, report) {
    for (const policy of aws.resourcePolicies) {
      for (const { statement, principals } of publicStatements(policy.document)) {
        for (const principal of principals) {
          report({ at: principal.value, resource: policy.meta, message: `Anyone can use this ${policy.service} resource: Principal is \`*\` and no condition restricts the caller`, element: `${statementName(statement)}.Principal[*]` })
        }
      }
    }
    for (const permission of aws.lambda.permissions) {
      if (!isAnyone(permission.principal.value) || permission.sourceArn || permission.sourceAccount || permission.principalOrgId) continue
      report({ at: permission.principal, resource: permission.meta, message: 'Anyone can invoke this function: principal `*` without source_arn, source_account or principal_org_id', element: 'Principal[*]' })
    }
    for (const bucket of aws.s3.buckets) {
      const acl = bucket.acl
      if (!acl || !isKnown(acl) || !PUBLIC_ACLS.has(acl.value.toLowerCase().replaceAll('-', '')) || aclsIgnored(bucket, aws)) continue
      report({ at: acl, resource: bucket.meta, message: `Bucket ACL \`${acl.value}\` grants access to ${/auth/i.test(acl.value) ? 'every AWS account' : 'everyone'}`, element: `ACL[${acl.value}]` })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    }]
  })
}
`,
          lines: [12],
        },
        {
          code: `resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::acme-artifacts/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"]
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f67890" } }
      }
    ]
  })
}
`,
        },
        {
          code: `resource "aws_sqs_queue" "events" {
  name = "events"
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
`,
        },
        {
          code: `resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "private"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: sns:Publish
            Resource: !Ref Topic
`,
          lines: [14],
        },
        {
          code: `Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`,
          lines: [5],
        },
      ],
      good: [
        {
          code: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: events.amazonaws.com
            Action: sns:Publish
            Resource: !Ref Topic
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: sns:Publish
            Resource: !Ref Topic
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
`,
        },
      ],
    },
  },
})
