import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/log-validation-disabled',
  severity: 'medium',
  title: 'CloudTrail log file validation is off',
  why: 'Without digest files nobody can prove that delivered logs were not modified or deleted after the fact, which is what an intruder covering tracks does first. Severity: medium: without digests, tampering with delivered logs cannot be proven.',
  fix: 'Set `enable_log_file_validation = true` (Terraform) or `EnableLogFileValidation: true` (CloudFormation).',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (trail.logFileValidation.value === false) {
        report({ at: trail.logFileValidation, resource: trail.meta, message: 'Log file validation is off: tampering with delivered logs would go unnoticed' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "org-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = false
}
`,
          lines: [5],
        },
        {
          code: `resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = "org-trail-logs"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "org-trail-logs"
  enable_log_file_validation = true
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
      EnableLogFileValidation: false
`,
          lines: [7],
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
      EnableLogFileValidation: true
`,
        },
      ],
    },
  },
})
