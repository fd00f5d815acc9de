import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/not-multi-region',
  severity: 'high',
  title: 'CloudTrail trail records one region only',
  why: 'A single-region trail is blind to API activity in every other region, which is exactly where an intruder starts resources nobody watches (crypto-mining, data staging). Severity: high: activity in any other region, the usual place to hide, goes unrecorded.',
  fix: 'Set `is_multi_region_trail = true` (Terraform) or `IsMultiRegionTrail: true` (CloudFormation).',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (trail.isMultiRegion.value === false) {
        report({
          at: trail.isMultiRegion,
          resource: trail.meta,
          message: 'The trail records only the region it is created in: activity in other regions goes unlogged',
          fix: replaceValue(trail.isMultiRegion, 'true', 'Record every region'),
        })
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
  enable_log_file_validation = true
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = false
}
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = true
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
      IsMultiRegionTrail: false
`,
          lines: [7],
        },
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
      IsMultiRegionTrail: true
`,
        },
      ],
    },
  },
})
