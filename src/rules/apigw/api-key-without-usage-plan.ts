import type { RestApi, UsagePlan } from '../../model/aws.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { shownValue, upper } from './shared.js'

/** Some usage plan binds a stage of this API, or names an API we cannot resolve (it might be this one). */
function mayBeBound(api: RestApi, plans: UsagePlan[]): boolean {
  return plans.some((plan) => plan.stages.some((stage) => stage.api === api || stage.api === undefined))
}

export default defineRule({
  id: 'apigw/api-key-without-usage-plan',
  severity: 'medium',
  title: 'API key required, but no usage plan binds the API',
  why: 'API Gateway only accepts an API key that belongs to a usage plan attached to the stage being called. A method that requires a key with no plan on its API rejects every caller, or is later "fixed" by dropping the key requirement; a key bound to no plan is a credential that limits nothing. Severity: medium, because the API still requires a key but nothing meters or throttles its holders: abuse costs money and capacity, no data is exposed by it alone.',
  fix: 'Add an `aws_api_gateway_usage_plan` / `AWS::ApiGateway::UsagePlan` whose `api_stages` / `ApiStages` name the API\'s stage, with throttle and quota, and bind each key to it with a usage plan key (SAM: `Auth.UsagePlan.CreateUsagePlan: PER_API`).',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html'],
  check({ aws }, report) {
    const plans = aws.apigateway.usagePlans
    for (const method of aws.apigateway.restMethods) {
      if (method.apiKeyRequired.value !== true || !method.api || mayBeBound(method.api, plans)) continue
      const route = `${upper(method.httpMethod) ?? '?'} ${method.path ? shownValue(method.path) : ''}`.trim()
      report({ at: method.apiKeyRequired, resource: method.meta, message: `${route} requires an API key, but no usage plan in the code binds a stage of its API`, element: `Method[${route}]` })
    }
    for (const key of aws.apigateway.apiKeys) {
      if (key.usagePlans.length > 0 || key.unresolvedUsagePlans > 0) continue
      report({ at: { loc: firstLine(key.meta.loc) }, resource: key.meta, message: 'This API key is bound to no usage plan: no stage accepts it and no limit applies to it' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "partner" {
  name = "partner"
}

resource "aws_api_gateway_method" "feed" {
  rest_api_id      = aws_api_gateway_rest_api.partner.id
  resource_id      = aws_api_gateway_rest_api.partner.root_resource_id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_api_key" "acme" {
  name = "acme"
}
`,
          lines: [10, 13],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "partner" {
  name = "partner"
}

resource "aws_api_gateway_method" "feed" {
  rest_api_id      = aws_api_gateway_rest_api.partner.id
  resource_id      = aws_api_gateway_rest_api.partner.root_resource_id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  api_stages {
    api_id = aws_api_gateway_rest_api.partner.id
    stage  = "prod"
  }
  throttle_settings {
    rate_limit  = 50
    burst_limit = 100
  }
}

resource "aws_api_gateway_api_key" "acme" {
  name = "acme"
}

resource "aws_api_gateway_usage_plan_key" "acme" {
  key_id        = aws_api_gateway_api_key.acme.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partners.id
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  PartnerApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: partner
  Feed:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref PartnerApi
      ResourceId: !GetAtt PartnerApi.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      ApiKeyRequired: true
  AcmeKey:
    Type: AWS::ApiGateway::ApiKey
    Properties:
      Enabled: true
`,
          lines: [13, 14],
        },
      ],
      good: [
        {
          code: `Resources:
  PartnerApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: partner
  Feed:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref PartnerApi
      ResourceId: !GetAtt PartnerApi.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      ApiKeyRequired: true
  PartnerPlan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages:
        - ApiId: !Ref PartnerApi
          Stage: prod
      Quota:
        Limit: 10000
        Period: DAY
  AcmeKey:
    Type: AWS::ApiGateway::ApiKey
    Properties:
      Enabled: true
  AcmeBinding:
    Type: AWS::ApiGateway::UsagePlanKey
    Properties:
      KeyId: !Ref AcmeKey
      KeyType: API_KEY
      UsagePlanId: !Ref PartnerPlan
`,
        },
      ],
    },
  },
})
