import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/global-events-disabled',
  severity: 'medium',
  title: 'CloudTrail trail excludes global service events',
  why: 'IAM, STS and CloudFront calls are global: a trail without them misses new users, access keys, policy changes and role assumptions — the core of any account takeover. Severity: medium: IAM and STS calls go unrecorded unless another trail records them.',
  fix: 'Remove `include_global_service_events = false` (Terraform) or `IncludeGlobalServiceEvents: false` (CloudFormation); the default is true.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (trail.includeGlobalServiceEvents.value === false) {
        report({
          at: trail.includeGlobalServiceEvents,
          resource: trail.meta,
          message: 'Global service events (IAM, STS) are excluded: identity changes go unlogged',
          fix: replaceValue(trail.includeGlobalServiceEvents, 'true', 'Include global service events'),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                          = "org-trail"
  s3_bucket_name                = "org-trail-logs"
  include_global_service_events = false
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
      IsLogging: true
      S3BucketName: org-trail-logs
      IncludeGlobalServiceEvents: false
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
      IncludeGlobalServiceEvents: true
`,
        },
      ],
    },
  },
})
