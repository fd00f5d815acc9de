import type { UsagePlan } from '../../model/aws.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { limits } from './shared.js'

function hasThrottle(plan: UsagePlan): boolean {
  // A throttle block whose limits the source does not list may still set them (a dynamic block, a per-method map).
  return plan.throttle !== undefined && (limits(plan.throttle.rateLimit) || limits(plan.throttle.burstLimit) || (!plan.throttle.rateLimit && !plan.throttle.burstLimit))
}

function hasQuota(plan: UsagePlan): boolean {
  return plan.quota !== undefined && plan.quota.limit !== undefined
}

export default defineRule({
  id: 'apigw/usage-plan-no-limits',
  severity: 'medium',
  title: 'Usage plan without throttle or quota',
  why: 'A usage plan is where per-client limits live. One with neither a throttle nor a quota lets every key holder send as many requests as the account-level limit allows, so one client (or one leaked key) can exhaust the API and the backend bill. Severity: medium: key holders are metered but not limited, the same exposure as a missing usage plan.',
  fix: 'Give the plan `throttle_settings` (rate and burst) and/or `quota_settings` (limit per DAY, WEEK or MONTH); CloudFormation `Throttle` and `Quota`.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html'],
  check({ aws }, report) {
    for (const plan of aws.apigateway.usagePlans) {
      if (hasThrottle(plan) || hasQuota(plan)) continue
      report({ at: { loc: firstLine(plan.meta.loc) }, resource: plan.meta, message: 'This usage plan sets neither a throttle nor a quota: its API keys are limited by nothing but the account-wide limit' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  api_stages {
    api_id = "a1b2c3d4e5"
    stage  = "prod"
  }
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  api_stages {
    api_id = "a1b2c3d4e5"
    stage  = "prod"
  }
  throttle_settings {
    rate_limit  = 50
    burst_limit = 100
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
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
  PartnerPlan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      UsagePlanName: partners
      ApiStages:
        - ApiId: a1b2c3d4e5
          Stage: prod
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  PartnerPlan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      UsagePlanName: partners
      ApiStages:
        - ApiId: a1b2c3d4e5
          Stage: prod
      Throttle:
        RateLimit: 50
        BurstLimit: 100
`,
        },
      ],
    },
  },
})
