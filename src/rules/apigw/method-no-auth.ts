import { defineRule } from '../types.js'
import { shownValue, upper } from './shared.js'

export default defineRule({
  id: 'apigw/method-no-auth',
  severity: 'high',
  title: 'REST API method callable without authorization',
  why: 'A method with authorization NONE and no API key runs its integration (a Lambda function, a backend, an AWS service action) for anyone on the internet who finds the URL. Severity: high: a method without authorization on a public API is callable by anyone who finds it; not critical, because many such methods are meant to be public (health checks, sign-up).',
  fix: 'Set `authorization` / `AuthorizationType` to AWS_IAM, CUSTOM (a Lambda authorizer) or COGNITO_USER_POOLS; in SAM give the API a `DefaultAuthorizer` or the event an `Auth.Authorizer`. Only CORS preflight (OPTIONS) methods should stay open.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
  check({ aws }, report) {
    for (const method of aws.apigateway.restMethods) {
      const verb = upper(method.httpMethod)
      if (verb === undefined || verb === 'OPTIONS' || upper(method.authorizationType) !== 'NONE' || method.apiKeyRequired.value !== false) continue
      const route = `${verb} ${method.path ? shownValue(method.path) : ''}`.trim()
      report({
        at: method.authorizationType,
        resource: method.meta,
        message: `${route} can be called by anyone: authorization is NONE and no API key is required`,
        element: `Method[${route}]`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "NONE"
}
`,
          lines: [15],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_rest_api.shop.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_rest_api.shop.root_resource_id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "partner_feed" {
  rest_api_id      = aws_api_gateway_rest_api.shop.id
  resource_id      = aws_api_gateway_rest_api.shop.root_resource_id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  OrdersResource:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref ShopApi
      ParentId: !GetAtt ShopApi.RootResourceId
      PathPart: orders
  ListOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ShopApi
      ResourceId: !Ref OrdersResource
      HttpMethod: GET
      AuthorizationType: NONE
`,
          lines: [18],
        },
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Events:
        List:
          Type: Api
          Properties:
            Path: /orders
            Method: get
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  ListOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ShopApi
      ResourceId: !GetAtt ShopApi.RootResourceId
      HttpMethod: GET
      AuthorizationType: AWS_IAM
`,
        },
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ShopApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: ShopCognito
        Authorizers:
          ShopCognito:
            UserPoolArn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref ShopApi
            Path: /orders
            Method: get
`,
        },
      ],
    },
  },
})
