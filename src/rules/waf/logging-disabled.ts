import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'waf/logging-disabled',
  severity: 'low',
  title: 'Web ACL without logging',
  why: 'Without a logging configuration there is no record of which requests the web ACL blocked or let through, so attacks cannot be investigated and false positives cannot be tuned. Severity: low: blocked and allowed requests are not recorded for investigation; filtering still works.',
  fix: 'Add `aws_wafv2_web_acl_logging_configuration` (CloudFormation `AWS::WAFv2::LoggingConfiguration`) sending the ACL\'s logs to a CloudWatch log group named `aws-waf-logs-…`, an S3 bucket or Firehose.',
  links: ['https://docs.aws.amazon.com/waf/latest/developerguide/logging.html'],
  check({ aws }, report) {
    for (const acl of aws.wafv2.webAcls) {
      if (acl.loggingConfigured.value !== false) continue
      report({ at: { loc: firstLine(acl.meta.loc) }, resource: acl.meta, message: 'This web ACL has no logging configuration: its allow and block decisions are not recorded' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_wafv2_web_acl" "api" {
  name  = "shop-api"
  scope = "REGIONAL"
  default_action {
    block {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_wafv2_web_acl" "api" {
  name  = "shop-api"
  scope = "REGIONAL"
  default_action {
    block {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudwatch_log_group" "waf" {
  name = "aws-waf-logs-shop-api"
}

resource "aws_wafv2_web_acl_logging_configuration" "api" {
  resource_arn            = aws_wafv2_web_acl.api.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  ApiAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: shop-api
      Scope: REGIONAL
      DefaultAction:
        Block: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  ApiAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: shop-api
      Scope: REGIONAL
      DefaultAction:
        Block: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
  AclLogs:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties:
      ResourceArn: !GetAtt ApiAcl.Arn
      LogDestinationConfigs:
        - arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-shop-api
`,
        },
      ],
    },
  },
})
