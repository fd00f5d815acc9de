import type { HttpStage, RestStage } from '../../model/aws.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { limits, named, shownValue } from './shared.js'

function restThrottled(stage: RestStage): boolean {
  return !stage.methodSettingsComplete || stage.methodSettings.some((s) => limits(s.throttlingRateLimit) || limits(s.throttlingBurstLimit))
}

function httpThrottled(stage: HttpStage): boolean {
  const settings = [...(stage.defaultRouteSettings ? [stage.defaultRouteSettings] : []), ...stage.routeSettings]
  return settings.some((s) => limits(s.throttlingRateLimit) || limits(s.throttlingBurstLimit))
}

export default defineRule({
  id: 'apigw/stage-no-throttling',
  severity: 'medium',
  title: 'API stage without throttling limits',
  why: 'Without stage or method throttling, one client can use the whole account-level request quota (shared by every API in the region) and drive the backend and its bill as far as it likes. Severity: medium: the account-wide quota is the only limit, so one client can exhaust it for every API of the account.',
  fix: 'Set `throttling_rate_limit` and `throttling_burst_limit` in `aws_api_gateway_method_settings` (method path `*/*`) or in the HTTP stage\'s `default_route_settings`; CloudFormation `MethodSettings` / `DefaultRouteSettings` `ThrottlingRateLimit` and `ThrottlingBurstLimit`.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html'],
  check({ aws }, report) {
    for (const stage of aws.apigateway.restStages) {
      if (restThrottled(stage)) continue
      report({ at: { loc: firstLine(stage.meta.loc) }, resource: stage.meta, message: `Stage ${named(stage.name, stage.meta)} sets no throttling limit in its method settings: clients are limited only by the account-wide quota`, element: `Stage[${shownValue(stage.name)}]` })
    }
    for (const stage of aws.apigateway.httpStages) {
      if (httpThrottled(stage)) continue
      report({ at: { loc: firstLine(stage.meta.loc) }, resource: stage.meta, message: `Stage ${named(stage.name, stage.meta)} sets no throttling limit in its route settings: clients are limited only by the account-wide quota`, element: `Stage[${shownValue(stage.name)}]` })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_apigatewayv2_stage" "live" {
  api_id = "h1t2t3p4"
  name   = "live"
  default_route_settings {
    detailed_metrics_enabled = true
  }
}
`,
          lines: [1, 7],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 200
  }
}

resource "aws_apigatewayv2_stage" "live" {
  api_id = "h1t2t3p4"
  name   = "live"
  default_route_settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 200
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
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: dep123
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          MetricsEnabled: true
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: dep123
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingRateLimit: 100
          ThrottlingBurstLimit: 200
  LiveStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: h1t2t3p4
      StageName: live
      DefaultRouteSettings:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 200
`,
        },
      ],
    },
  },
})
