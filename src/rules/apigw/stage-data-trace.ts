import { defineRule } from '../types.js'
import { replaceValue } from '../fix.js'
import { named, shownValue } from './shared.js'

const FIX = 'Turn data trace off'

export default defineRule({
  id: 'apigw/stage-data-trace',
  severity: 'medium',
  title: 'Full request and response logging on an API stage',
  why: 'Data trace writes whole request and response bodies and headers to CloudWatch Logs: tokens, passwords and personal data end up readable by everyone with log access. AWS advises against it in production. Severity: medium: full request and response bodies (tokens, personal data) land in CloudWatch Logs, readable by whoever reads the logs.',
  fix: 'Set `data_trace_enabled = false` in the method settings or route settings (`DataTraceEnabled: false`); keep execution logging at ERROR or INFO instead.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  check({ aws }, report) {
    for (const settings of aws.apigateway.methodSettings) {
      if (settings.dataTraceEnabled.value !== true) continue
      const stage = settings.stage ? `stage ${named(settings.stage.name, settings.stage.meta)}` : 'its stage'
      report({
        at: settings.dataTraceEnabled,
        resource: settings.owner,
        message: `Data trace logs full requests and responses of ${shownValue(settings.methodPath)} on ${stage}, secrets and personal data included`,
        element: `MethodSettings[${shownValue(settings.methodPath)}]`,
        fix: replaceValue(settings.dataTraceEnabled, 'false', FIX),
      })
    }
    for (const stage of aws.apigateway.httpStages) {
      for (const settings of [...(stage.defaultRouteSettings ? [stage.defaultRouteSettings] : []), ...stage.routeSettings]) {
        if (settings.dataTraceEnabled.value !== true) continue
        const route = settings.routeKey ? shownValue(settings.routeKey) : 'every route'
        report({
          at: settings.dataTraceEnabled,
          resource: stage.meta,
          message: `Data trace logs full messages of ${route} on stage ${named(stage.name, stage.meta)}, secrets and personal data included`,
          element: `RouteSettings[${route}]`,
          fix: replaceValue(settings.dataTraceEnabled, 'false', FIX),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    data_trace_enabled = true
  }
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    logging_level      = "ERROR"
    data_trace_enabled = false
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
          LoggingLevel: INFO
          DataTraceEnabled: true
  ChatStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: w1s2s3
      StageName: live
      DefaultRouteSettings:
        DataTraceEnabled: true
        LoggingLevel: INFO
`,
          lines: [12, 19],
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
          LoggingLevel: ERROR
`,
        },
      ],
    },
  },
})
