import { defineRule } from '../types.js'
import { replaceValue } from '../fix.js'
import { named, shownValue } from './shared.js'

export default defineRule({
  id: 'apigw/stage-no-tracing',
  severity: 'low',
  title: 'X-Ray tracing off on a REST API stage',
  why: 'Without X-Ray traces a request cannot be followed from the API into the functions and services behind it, which slows down finding where an attack or a fault went. Severity: low: tracing helps diagnosis; its absence hides nothing from security logs.',
  fix: 'Set `xray_tracing_enabled = true` on the stage; CloudFormation and SAM `TracingEnabled: true`.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html'],
  check({ aws }, report) {
    for (const stage of aws.apigateway.restStages) {
      if (stage.xrayTracing.value !== false) continue
      report({
        at: stage.xrayTracing,
        resource: stage.meta,
        message: `X-Ray tracing is off on stage ${named(stage.name, stage.meta)}: requests cannot be followed past the API`,
        element: `Stage[${shownValue(stage.name)}]`,
        fix: replaceValue(stage.xrayTracing, 'true', 'Turn X-Ray tracing on'),
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = "a1b2c3d4e5"
  deployment_id        = "dep123"
  stage_name           = "prod"
  xray_tracing_enabled = false
}
`,
          lines: [5],
        },
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
  rest_api_id          = "a1b2c3d4e5"
  deployment_id        = "dep123"
  stage_name           = "prod"
  xray_tracing_enabled = true
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ShopApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: false
`,
          lines: [7],
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
      TracingEnabled: true
`,
        },
      ],
    },
  },
})
