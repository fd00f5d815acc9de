import type { Cors } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { defineRule } from '../types.js'

function wildcardWithCredentials(cors: Cors | undefined): cors is Cors {
  return cors !== undefined && cors.allowCredentials.value === true && cors.allowOrigins.some((origin) => origin.value === '*')
}

export default defineRule({
  id: 'apigw/cors-wildcard-with-credentials',
  severity: 'medium',
  title: 'CORS allows every origin together with credentials',
  why: 'Allowing credentials for origin `*` tells browsers that any website may make authenticated calls to the API with the visitor\'s cookies or authorization headers and read the answers: a malicious page can act as the signed-in user. Severity: medium: browsers refuse the pair for `*`, but a reflected origin lets any site read authenticated responses; it needs a logged-in victim.',
  fix: 'List the exact origins that need credentialed access in `allow_origins` / `AllowOrigins`, or set `allow_credentials` / `AllowCredentials` to false.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#credentialed_requests_and_wildcards'],
  check({ aws }, report) {
    const configured: { cors: Cors | undefined; meta: ResourceMeta; what: string }[] = [
      ...aws.apigateway.httpApis.map((api) => ({ cors: api.cors, meta: api.meta, what: 'API' })),
      ...aws.apigateway.restApis.map((api) => ({ cors: api.cors, meta: api.meta, what: 'API' })),
      ...aws.lambda.functionUrls.map((url) => ({ cors: url.cors, meta: url.meta, what: 'function URL' })),
    ]
    for (const { cors, meta, what } of configured) {
      if (!wildcardWithCredentials(cors)) continue
      report({ at: cors.allowCredentials, resource: meta, message: `This ${what} lets any website send credentialed requests: CORS allows origin \`*\` and credentials`, element: 'Cors' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_apigatewayv2_api" "app" {
  name          = "app"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["*"]
    allow_methods     = ["GET", "POST"]
    allow_credentials = true
  }
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_apigatewayv2_api" "app" {
  name          = "app"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["https://app.example.com"]
    allow_methods     = ["GET", "POST"]
    allow_credentials = true
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
  ReportUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:report
      AuthType: AWS_IAM
      Cors:
        AllowOrigins: ['*']
        AllowCredentials: true
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `Resources:
  AppApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: app
      ProtocolType: HTTP
      CorsConfiguration:
        AllowOrigins: ['*']
        AllowMethods: [GET]
`,
        },
      ],
    },
  },
})
