import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/not-encrypted',
  severity: 'medium',
  title: 'CloudTrail logs are not encrypted with a KMS key',
  why: 'Without SSE-KMS anyone who can read the bucket can read the logs; with a customer managed key, reading them also needs kms:Decrypt, which is separately granted and logged. Severity: medium: logs are encrypted with S3-managed keys anyway; a KMS key adds access control and audit on reading them.',
  fix: 'Set `kms_key_id` (Terraform) or `KMSKeyId` (CloudFormation) to a customer managed KMS key whose policy lets CloudTrail encrypt.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (!trail.kmsKeyId) {
        report({ at: { loc: firstLine(trail.meta.loc) }, resource: trail.meta, message: 'The trail sets no KMS key: its log files are readable by anyone who can read the bucket' })
      } else if (trail.kmsKeyId.value === '') {
        report({ at: trail.kmsKeyId, resource: trail.meta, message: 'The KMS key is empty: the trail is not encrypted with a KMS key' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = true
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_kms_key" "trail" {
  description         = "CloudTrail logs"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = "org-trail-logs"
  kms_key_id     = aws_kms_key.trail.arn
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: org-trail-logs
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: org-trail-logs
      KMSKeyId: alias/cloudtrail
`,
        },
      ],
    },
  },
})
