import type { AwsModel, MetricFilter, Trail } from '../../model/aws.js'
import type { Attr } from '../../model/source.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** The CIS AWS Foundations monitoring items this rule requires, recognised by what the filter pattern matches. */
const REQUIRED_ALARMS: { name: string; pattern: RegExp }[] = [
  { name: 'unauthorized API calls', pattern: /UnauthorizedOperation|AccessDenied/ },
  { name: 'root account use', pattern: /userIdentity\.type\s*=\s*"?Root/ },
  { name: 'IAM policy changes', pattern: /(Put|Delete|Attach|Detach)(Role|User|Group)Policy|(Create|Delete)PolicyVersion/ },
  { name: 'CloudTrail configuration changes', pattern: /(Create|Update|Delete)Trail|StopLogging/ },
  { name: 'Organizations and SCP changes', pattern: /organizations\.amazonaws\.com/ },
]

function same(a: Attr<string>, b: Attr<string>): boolean {
  return !isKnown(a) || !isKnown(b) || a.value === b.value
}

/** Filters reading the trail's log group: joined to the same group, or not joined on either side (then they may be). */
function filtersOf(trail: Trail, aws: AwsModel): MetricFilter[] {
  return aws.cloudwatch.metricFilters.filter((filter) => !filter.logGroup || !trail.logGroup || filter.logGroup === trail.logGroup)
}

function alarmed(filter: MetricFilter, aws: AwsModel): boolean {
  return aws.cloudwatch.alarms.some((alarm) => same(alarm.metricName, filter.metricName) && same(alarm.namespace, filter.metricNamespace))
}

function covers(filter: MetricFilter, pattern: RegExp): boolean {
  return !isKnown(filter.pattern) || pattern.test(filter.pattern.value)
}

export default defineRule({
  id: 'monitoring/api-alarms-missing',
  severity: 'low',
  title: 'CloudTrail log group lacks the CIS metric filters and alarms',
  why: 'Logs nobody watches only help after the fact: the CIS AWS Foundations benchmark asks for an alarm on unauthorized API calls, root use, IAM policy changes, CloudTrail changes and Organizations (SCP) changes, so a takeover is noticed while it happens. Severity: low: the alarms speed up detection; the events are still in the trail.',
  fix: 'For each missing item add a metric filter on the trail’s log group (`aws_cloudwatch_log_metric_filter` / `AWS::Logs::MetricFilter`) and an alarm on its metric (`aws_cloudwatch_metric_alarm` / `AWS::CloudWatch::Alarm`).',
  links: ['https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html'],
  // Repository-level: filters and alarms often live apart from the trail, so it is off until a rulebook enables it.
  enabledByDefault: false,
  check({ aws }, report) {
    for (const trail of aws.cloudtrail.trails) {
      if (!trail.cloudWatchLogsGroupArn) continue
      const alarmedFilters = filtersOf(trail, aws).filter((filter) => alarmed(filter, aws))
      const missing = REQUIRED_ALARMS.filter((item) => !alarmedFilters.some((filter) => covers(filter, item.pattern)))
      if (missing.length === 0) continue
      report({
        at: trail.cloudWatchLogsGroupArn,
        resource: trail.meta,
        element: missing.map((item) => item.name).join(', '),
        message: `The trail's log group has no metric filter with an alarm for: ${missing.map((item) => item.name).join(', ')}`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "org-trail-logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "root-use"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\"AwsServiceEvent\\" }"

  metric_transformation {
    name      = "RootUse"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "root" {
  alarm_name          = "root-use"
  metric_name         = "RootUse"
  namespace           = "CIS"
  statistic           = "Sum"
  period              = 300
  threshold           = 1
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
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
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

locals {
  cis_filters = {
    Unauthorized = "{ ($.errorCode = \\"*UnauthorizedOperation\\") || ($.errorCode = \\"AccessDenied*\\") }"
    RootUse      = "{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS }"
    IamChanges   = "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = CreatePolicyVersion) }"
    TrailChanges = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StopLogging) }"
    OrgChanges   = "{ ($.eventSource = organizations.amazonaws.com) && ($.eventName = \\"UpdatePolicy\\") }"
  }
}

resource "aws_cloudwatch_log_metric_filter" "unauthorized" {
  name           = "unauthorized"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = local.cis_filters.Unauthorized
  metric_transformation {
    name      = "Unauthorized"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "root"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = local.cis_filters.RootUse
  metric_transformation {
    name      = "RootUse"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "iam" {
  name           = "iam"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = local.cis_filters.IamChanges
  metric_transformation {
    name      = "IamChanges"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "trail" {
  name           = "trail"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = local.cis_filters.TrailChanges
  metric_transformation {
    name      = "TrailChanges"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "org" {
  name           = "org"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = local.cis_filters.OrgChanges
  metric_transformation {
    name      = "OrgChanges"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cis" {
  for_each            = local.cis_filters
  alarm_name          = each.key
  metric_name         = each.key
  namespace           = "CIS"
  statistic           = "Sum"
  period              = 300
  threshold           = 1
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
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
          lines: [9],
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
  CisFilter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref TrailLogs
      FilterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.userIdentity.type = "Root") || ($.eventName = PutRolePolicy) || ($.eventName = StopLogging) || ($.eventSource = organizations.amazonaws.com) }'
      MetricTransformations:
        - MetricName: CisEvents
          MetricNamespace: CIS
          MetricValue: '1'
  CisAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: CisEvents
      Namespace: CIS
      Statistic: Sum
      Period: 300
      Threshold: 1
      EvaluationPeriods: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
        },
      ],
    },
  },
})
