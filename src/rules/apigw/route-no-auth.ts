import type { HttpRoute } from '../../model/aws.js'
import { defineRule } from '../types.js'
import { named, shownValue, upper } from './shared.js'

/** WebSocket APIs authorize only on `$connect`; their other routes cannot carry an authorizer. */
function authorizable(route: HttpRoute): boolean {
  const key = upper(route.routeKey)
  if (key?.startsWith('OPTIONS ')) return false
  const protocol = upper(route.api?.protocol)
  const websocket = protocol === 'WEBSOCKET' || (protocol === undefined && key !== undefined && !key.includes(' ') && key !== '$DEFAULT')
  return !websocket || key === '$CONNECT'
}

export default defineRule({
  id: 'apigw/route-no-auth',
  severity: 'high',
  title: 'HTTP or WebSocket API route without authorization',
  why: 'A route with authorization NONE invokes its integration for any caller on the internet; for a WebSocket API an open `$connect` lets anyone hold a connection and send messages. Severity: high, for the same reason as apigw/method-no-auth: anyone can call the route, though some routes are public by design.',
  fix: 'Set `authorization_type` / `AuthorizationType` to JWT, CUSTOM (Lambda authorizer) or AWS_IAM with an authorizer; in SAM set `Auth.DefaultAuthorizer` on the HttpApi or `Auth.Authorizer` on the event.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html'],
  check({ aws }, report) {
    for (const route of aws.apigateway.httpRoutes) {
      if (upper(route.authorizationType) !== 'NONE' || !authorizable(route)) continue
      report({
        at: route.authorizationType,
        resource: route.meta,
        message: `Route ${named(route.routeKey, route.meta)} can be called by anyone: authorization type is NONE`,
        element: `Route[${shownValue(route.routeKey)}]`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "create" {
  api_id    = aws_apigatewayv2_api.orders.id
  route_key = "POST /orders"
}
`,
          lines: [6],
        },
        {
          code: `resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$connect"
  authorization_type = "NONE"
}
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "create" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "POST /orders"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "send" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "sendmessage"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  OrdersApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
  CreateOrder:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref OrdersApi
      RouteKey: POST /orders
      AuthorizationType: NONE
`,
          lines: [12],
        },
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  CreateOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      CodeUri: src/
      Events:
        Create:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: post
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  OrdersApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
  CreateOrder:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref OrdersApi
      RouteKey: POST /orders
      AuthorizationType: AWS_IAM
  Preflight:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref OrdersApi
      RouteKey: OPTIONS /orders
`,
        },
      ],
    },
  },
})
