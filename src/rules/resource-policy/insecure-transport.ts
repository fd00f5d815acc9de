import { conditionsOn, isDeny } from '../../iam/index.js'
import type { Statement } from '../../model/policy.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** A Deny that applies when aws:SecureTransport is false; an unknown value might be exactly that. */
function deniesPlainHttp(statement: Statement): boolean {
  return isDeny(statement) && conditionsOn(statement, 'aws:SecureTransport').some((c) => c.values.some((v) => !isKnown(v) || v.value.toLowerCase() === 'false'))
}

export default defineRule({
  id: 'resource-policy/insecure-transport',
  severity: 'low',
  title: 'S3 bucket policy does not require TLS',
  why: 'S3 still answers plain HTTP. Without a Deny on `aws:SecureTransport = false`, a misconfigured client can send credentials-signed requests and object data in clear text. Severity: low: AWS endpoints use TLS by default; the deny only stops clients that choose plain HTTP.',
  fix: 'Add a statement `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [bucket ARN, bucket ARN + "/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit'],
  check({ aws }, report) {
    for (const policy of aws.resourcePolicies) {
      if (policy.service !== 's3' || policy.document.unknown) continue
      if (policy.document.statements.some(deniesPlainHttp)) continue
      report({ at: { loc: firstLine(policy.meta.loc) }, resource: policy.meta, message: 'Bucket policy has no Deny for requests where aws:SecureTransport is false' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-logs/*"
    }]
  })
}
`,
          lines: [5],
        },
      ],
      good: [
        {
          code: `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-logs", "arn:aws:s3:::acme-logs/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub arn:aws:s3:::\${Logs}/*
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource:
              - !GetAtt Logs.Arn
              - !Sub \${Logs.Arn}/*
            Condition:
              Bool:
                aws:SecureTransport: false
`,
        },
      ],
    },
  },
})
