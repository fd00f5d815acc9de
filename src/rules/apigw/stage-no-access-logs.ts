import { firstLine, isKnown, type Attr } from '../../model/source.js'
import { defineRule } from '../types.js'
import { named, shownValue } from './shared.js'

/** A destination that is set and not an empty string (`Format` alone delivers nothing). */
function delivers(destination: Attr<string> | undefined): boolean {
  return destination !== undefined && !(isKnown(destination) && destination.value.trim() === '')
}

export default defineRule({
  id: 'apigw/stage-no-access-logs',
  severity: 'medium',
  title: 'API stage without access logging',
  why: 'Access logs are the record of who called the API, from where, and with what result; without them an abuse or a breach through the API cannot be investigated. Severity: medium: without access logs an incident on the API cannot be traced to a caller.',
  fix: 'Add `access_log_settings { destination_arn = <log group ARN>, format = … }` to the stage; CloudFormation `AccessLogSetting` (REST) or `AccessLogSettings` (HTTP/WebSocket) with a `DestinationArn`.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  check({ aws }, report) {
    const stages = [...aws.apigateway.restStages, ...aws.apigateway.httpStages]
    for (const stage of stages) {
      if (delivers(stage.accessLogDestination)) continue
      report({ at: { loc: firstLine(stage.meta.loc) }, resource: stage.meta, message: `Stage ${named(stage.name, stage.meta)} writes no access logs: calls to it leave no record of caller, source IP or result`, element: `Stage[${shownValue(stage.name)}]` })
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
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
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
  LiveStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: h1t2t3p4
      StageName: live
      AccessLogSettings:
        Format: $context.requestId
`,
          lines: [2],
        },
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ShopApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `Resources:
  LiveStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: h1t2t3p4
      StageName: live
      AccessLogSettings:
        DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api-access
        Format: $context.requestId
`,
        },
      ],
    },
  },
})
