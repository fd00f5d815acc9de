import { defineRule } from '../types.js'

export default defineRule({
  id: 'waf/default-allow-no-rules',
  severity: 'medium',
  title: 'Web ACL allows everything and has no rules',
  why: 'A web ACL whose default action is ALLOW and that has no rules inspects nothing and blocks nothing, while its association makes the resource look protected. Severity: medium: the web ACL filters nothing while looking like protection.',
  fix: 'Add rules (AWS managed rule groups, rate-based rules, IP sets) or make the default action BLOCK with explicit allow rules.',
  links: ['https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-default-action.html'],
  check({ aws }, report) {
    for (const acl of aws.wafv2.webAcls) {
      if (acl.defaultAction.value !== 'allow' || acl.rules.length > 0) continue
      report({ at: acl.defaultAction, resource: acl.meta, message: 'This web ACL allows every request by default and has no rules: it filters nothing' })
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
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}
`,
          lines: [5],
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
        Allow: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
`,
          lines: [8],
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
        Allow: {}
      Rules:
        - Name: rate-limit
          Priority: 1
          Action:
            Block: {}
          Statement:
            RateBasedStatement:
              Limit: 2000
              AggregateKeyType: IP
          VisibilityConfig:
            CloudWatchMetricsEnabled: true
            MetricName: rate-limit
            SampledRequestsEnabled: true
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
`,
        },
      ],
    },
  },
})
