import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'trail/no-cloudwatch-logs',
  severity: 'low',
  title: 'CloudTrail trail does not deliver to CloudWatch Logs',
  why: 'Logs that only land in S3 are read after the fact; delivered to CloudWatch Logs they feed metric filters and alarms that catch root use, policy changes and a stopped trail as they happen. Severity: low: without delivery to CloudWatch Logs there are no metric alarms; the events are still in S3.',
  fix: 'Set both `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` (Terraform), or `CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` (CloudFormation); the role lets CloudTrail write to the group.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (!trail.cloudWatchLogsGroupArn || trail.cloudWatchLogsGroupArn.value === '') {
        report({ at: { loc: firstLine(trail.meta.loc) }, resource: trail.meta, message: 'The trail is not delivered to a CloudWatch Logs group: nothing can alarm on its events' })
      } else if (!trail.cloudWatchLogsRoleArn || trail.cloudWatchLogsRoleArn.value === '') {
        report({ at: trail.cloudWatchLogsGroupArn, resource: trail.meta, message: 'A log group is set without the role CloudTrail needs to write to it: nothing is delivered' })
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
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "org-trail-logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "org-trail-logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn
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
  TrailLogs:
    Type: AWS::Logs::LogGroup
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: org-trail-logs
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-to-logs
`,
        },
      ],
    },
  },
})
