import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/logging-disabled',
  severity: 'critical',
  title: 'CloudTrail trail is created with logging off',
  why: 'A trail that does not log records nothing: the account looks audited while no API call is kept. Severity: critical: a trail created with logging off records nothing, and the account looks monitored when it is not.',
  fix: 'Set `enable_logging = true` (Terraform; the default) or `IsLogging: true` (CloudFormation).',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StartLogging.html'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (trail.isLogging.value === false) {
        report({
          at: trail.isLogging,
          resource: trail.meta,
          message: 'The trail is created with logging off: no API activity is recorded',
          fix: replaceValue(trail.isLogging, 'true', 'Turn logging on'),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = "org-trail-logs"
  enable_logging = false
}
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = "org-trail-logs"
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
      IsLogging: false
      S3BucketName: org-trail-logs
`,
          lines: [5],
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
`,
        },
      ],
    },
  },
})
