import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { named, shownValue, upper } from './shared.js'

export default defineRule({
  id: 'apigw/execution-logging-off',
  severity: 'low',
  title: 'REST API stage without execution logging',
  why: 'Execution logs record authorizer decisions, integration errors and throttling per request; with logging OFF (the default) failed and denied calls leave no trace in CloudWatch. Severity: low: access logs may still record who called; what is lost is the detail of denied and failed calls when investigating.',
  fix: 'Set `logging_level = "ERROR"` or `"INFO"` in `aws_api_gateway_method_settings` for `*/*` (CloudFormation `MethodSettings` `LoggingLevel`); the account needs an API Gateway CloudWatch role.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  check({ aws }, report) {
    for (const stage of aws.apigateway.restStages) {
      if (!stage.methodSettingsComplete) continue
      const levels = stage.methodSettings.map((settings) => settings.loggingLevel)
      if (levels.some((level) => !isKnown(level) || upper(level) !== 'OFF')) continue
      const writtenOff = levels.find((level) => level.explicit)
      report({
        at: writtenOff ?? { loc: firstLine(stage.meta.loc) },
        resource: stage.meta,
        message: writtenOff
          ? `Execution logging is OFF on stage ${named(stage.name, stage.meta)}: denied and failed calls are not logged`
          : `Stage ${named(stage.name, stage.meta)} sets no execution logging level, so it is OFF: denied and failed calls are not logged`,
        element: `Stage[${shownValue(stage.name)}]`,
      })
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
    logging_level   = "OFF"
    metrics_enabled = true
  }
}
`,
          lines: [12],
        },
        {
          // An empty level is no level: the provider leaves logging off.
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
    logging_level = ""
  }
}
`,
          lines: [12],
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
    logging_level = "ERROR"
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
          LoggingLevel: 'OFF'
`,
          lines: [11],
        },
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
          LoggingLevel: ''
`,
          lines: [11],
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
          LoggingLevel: INFO
`,
        },
      ],
    },
  },
})
