import type { Authorizer } from '../../model/aws.js'
import { firstLine, isKnown, type Attr } from '../../model/source.js'
import { defineRule } from '../types.js'
import { upper } from './shared.js'

function missing(value: Attr<string> | undefined): boolean {
  return value === undefined || (isKnown(value) && value.value.trim() === '')
}

/** What is wrong with a Lambda authorizer, or undefined. TOKEN authorizers need both checks; REQUEST ones need a source once they cache. */
function problem(authorizer: Authorizer): string | undefined {
  const type = upper(authorizer.type)
  if (type === 'TOKEN') {
    const lacking = [
      ...(missing(authorizer.identitySource) ? ['identity source'] : []),
      ...(missing(authorizer.validationExpression) ? ['identity validation expression'] : []),
    ]
    return lacking.length > 0 ? `This TOKEN authorizer has no ${lacking.join(' and no ')}: every request, however malformed its token, invokes the authorizer function` : undefined
  }
  const caches = !(isKnown(authorizer.cacheTtl) && authorizer.cacheTtl.value === 0)
  if (type === 'REQUEST' && caches && missing(authorizer.identitySource)) {
    return 'This REQUEST authorizer caches its decisions but has no identity source: nothing identifies the caller in the cache key, and every request invokes the function'
  }
  return undefined
}

export default defineRule({
  id: 'apigw/lambda-authorizer-no-cache-or-identity',
  severity: 'low',
  title: 'Lambda authorizer without identity source or validation expression',
  why: 'API Gateway rejects a request before invoking a Lambda authorizer only when the identity source is missing or the token fails the validation expression. Without them every request, malformed or not, runs the authorizer function, and cached results are keyed on nothing specific to the caller. Severity: low: every request reaches the authorizer (cost, latency, throttling), but access is still checked.',
  fix: 'Give TOKEN authorizers `identity_source` and an `identity_validation_expression` (a regular expression for well-formed tokens); give caching REQUEST authorizers the headers or query strings that identify the caller, or turn caching off (TTL 0).',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html'],
  check({ aws }, report) {
    for (const authorizer of aws.apigateway.authorizers) {
      const message = problem(authorizer)
      if (message) report({ at: { loc: firstLine(authorizer.meta.loc) }, resource: authorizer.meta, message })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_authorizer" "token" {
  name           = "token"
  rest_api_id    = "a1b2c3d4e5"
  authorizer_uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations"
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_apigatewayv2_authorizer" "request" {
  api_id          = "h1t2t3p4"
  authorizer_type = "REQUEST"
  authorizer_uri  = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations"
  name            = "request"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_authorizer" "token" {
  name                           = "token"
  rest_api_id                    = "a1b2c3d4e5"
  authorizer_uri                 = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations"
  identity_source                = "method.request.header.Authorization"
  identity_validation_expression = "^Bearer [-0-9a-zA-Z._]+$"
}

resource "aws_apigatewayv2_authorizer" "request" {
  api_id                            = "h1t2t3p4"
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations"
  name                              = "request"
  authorizer_result_ttl_in_seconds  = 0
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  TokenAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Name: token
      RestApiId: a1b2c3d4e5
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      AuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  TokenAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Name: token
      RestApiId: a1b2c3d4e5
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      IdentityValidationExpression: ^Bearer [-0-9a-zA-Z._]+$
      AuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations
  RequestAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Name: request
      RestApiId: a1b2c3d4e5
      Type: REQUEST
      AuthorizerResultTtlInSeconds: 0
      AuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations
`,
        },
      ],
    },
  },
})
