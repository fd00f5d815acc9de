import type { WebAcl } from '../../model/aws.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** The AWS managed groups that cover the OWASP basics for an API. */
const BASELINE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet']

/** True when a baseline group is present, or a rule the source does not determine might be one. */
function mayHaveBaseline(acl: WebAcl): boolean {
  return acl.rules.some((rule) => {
    const group = rule.managedRuleGroup
    if (!group) return false
    if (!isKnown(group.name) || !isKnown(group.vendor)) return true
    return group.vendor.value === 'AWS' && BASELINE_GROUPS.includes(group.name.value)
  })
}

export default defineRule({
  id: 'waf/no-managed-rules',
  severity: 'low',
  title: 'Web ACL protecting an API without AWS baseline managed rules',
  why: 'The AWS managed Core rule set, Known bad inputs and SQL database groups block the common injection and exploit payloads (OWASP Top 10, Log4Shell, SQL injection) that a web ACL in front of an API is expected to stop. Severity: low: custom rules may cover the same ground; the baseline sets are a default, not a requirement.',
  fix: 'Add `managed_rule_group_statement` rules for AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet and, for APIs backed by SQL, AWSManagedRulesSQLiRuleSet (vendor AWS); CloudFormation `ManagedRuleGroupStatement`.',
  links: ['https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html'],
  check({ aws }, report) {
    for (const acl of aws.wafv2.webAcls) {
      if (!acl.protectsApi || mayHaveBaseline(acl)) continue
      report({ at: { loc: firstLine(acl.meta.loc) }, resource: acl.meta, message: `This web ACL protects an API but uses none of ${BASELINE_GROUPS.join(', ')}` })
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
  rule {
    name     = "rate-limit"
    priority = 1
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
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
    allow {}
  }
  rule {
    name     = "common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
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
      Rules: []
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
  ProdAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod
      WebACLArn: !GetAtt ApiAcl.Arn
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
      Rules:
        - Name: known-bad-inputs
          Priority: 1
          OverrideAction:
            None: {}
          Statement:
            ManagedRuleGroupStatement:
              VendorName: AWS
              Name: AWSManagedRulesKnownBadInputsRuleSet
          VisibilityConfig:
            CloudWatchMetricsEnabled: true
            MetricName: known-bad-inputs
            SampledRequestsEnabled: true
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
  ProdAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod
      WebACLArn: !GetAtt ApiAcl.Arn
`,
        },
      ],
    },
  },
})
