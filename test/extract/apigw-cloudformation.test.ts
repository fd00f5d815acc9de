import { describe, expect, it } from 'vitest'
import { Unknown } from '../../src/model/source.js'
import { cloudformationUnit, extract, lineOf } from '../helpers/values.js'

// Hand-built CloudFormation values (JSON templates): the body is the whole declaration, as the parser gives it.

describe('CloudFormation REST APIs', () => {
  const text = `{
  "Resources": {
    "ShopApi": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "shop", "EndpointConfiguration": { "Types": ["PRIVATE"], "VpcEndpointIds": ["vpce-1"] } } },
    "Orders": { "Type": "AWS::ApiGateway::Resource", "Properties": { "RestApiId": "@unknown(ShopApi)", "ParentId": "@unknown(ShopApi.RootResourceId)", "PathPart": "orders" } },
    "ListOrders": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": "@unknown(ShopApi)", "ResourceId": "@unknown(Orders)", "HttpMethod": "GET" } },
    "Prod": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": "@unknown(ShopApi)", "StageName": "prod", "TracingEnabled": true,
      "MethodSettings": [{ "ResourcePath": "/*", "HttpMethod": "*", "LoggingLevel": "ERROR", "ThrottlingRateLimit": 5 }] } },
    "Deployment": { "Type": "AWS::ApiGateway::Deployment", "Properties": { "RestApiId": "@unknown(ShopApi)", "StageName": "v1",
      "StageDescription": { "DataTraceEnabled": true, "LoggingLevel": "INFO", "CacheClusterEnabled": true, "MethodSettings": [{ "ResourcePath": "/orders", "HttpMethod": "GET", "CachingEnabled": true }] } } },
    "Key": { "Type": "AWS::ApiGateway::ApiKey", "Properties": {} },
    "Domain": { "Type": "AWS::ApiGateway::DomainName", "Properties": { "DomainName": "api.example.com", "SecurityPolicy": "TLS_1_2" } }
  }
}`
  const { model } = extract(cloudformationUnit(text))
  const api = model.apigateway

  it('reads the API from Properties, with its endpoint type and VPC endpoints', () => {
    expect(api.restApis[0]).toMatchObject({ name: { value: 'shop' }, endpointType: { value: 'PRIVATE' }, vpcEndpointIds: [{ value: 'vpce-1' }] })
  })

  it('defaults AuthorizationType to NONE and builds the path from the root resource', () => {
    expect(api.restMethods[0]).toMatchObject({ path: { value: '/orders' }, authorizationType: { value: 'NONE', explicit: false } })
    expect(api.restMethods[0]!.api).toBe(api.restApis[0])
  })

  it('reads inline method settings and a deployment stage description (its stage-wide settings apply to */*)', () => {
    const [prod, v1] = api.restStages
    expect(prod!.methodSettings.map((s) => [s.methodPath.value, s.loggingLevel.value, s.throttlingRateLimit?.value])).toEqual([['*/*', 'ERROR', 5]])
    expect(v1!.meta.address).toBe('Deployment')
    expect(v1!.cacheClusterEnabled.value).toBe(true)
    expect(v1!.methodSettings.map((s) => [s.methodPath.value, s.dataTraceEnabled.value, s.cachingEnabled.value])).toEqual([['*/*', true, false], ['orders/GET', false, true]])
    expect(v1!.methodSettings[0]!.dataTraceEnabled.loc.startLine).toBe(lineOf(text, '"DataTraceEnabled": true'))
    expect(api.methodSettings.every((s) => s.stage !== undefined)).toBe(true)
  })

  it('keeps CloudFormation defaults: keys disabled, domain policy as written', () => {
    expect(api.apiKeys[0]!.enabled).toMatchObject({ value: false, explicit: false })
    expect(api.domainNames[0]!.securityPolicy.value).toBe('TLS_1_2')
  })
})

describe('CloudFormation HTTP APIs, WAF and Lambda', () => {
  const text = `{
  "Resources": {
    "App": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "Name": "app", "ProtocolType": "WEBSOCKET" } },
    "Live": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": "@unknown(App)", "StageName": "live",
      "RouteSettings": { "$connect": { "ThrottlingRateLimit": 10 } }, "AccessLogSettings": { "Format": "json" } } },
    "Authorizer": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "ApiId": "@unknown(App)", "AuthorizerType": "REQUEST" } },
    "Stage": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": "a1b2c3", "StageName": "prod" } },
    "Acl": { "Type": "AWS::WAFv2::WebACL", "Properties": { "Name": "acl", "Scope": "REGIONAL", "DefaultAction": { "Block": {} },
      "Rules": [{ "Name": "sqli", "Statement": { "ManagedRuleGroupStatement": { "VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet" } } }] } },
    "Association": { "Type": "AWS::WAFv2::WebACLAssociation", "Properties": { "ResourceArn": "@unknown(Stage)", "WebACLArn": "@unknown(Acl.Arn)" } },
    "Permission": { "Type": "AWS::Lambda::Permission", "Properties": { "Action": "lambda:InvokeFunction", "FunctionName": "f", "Principal": "s3.amazonaws.com", "SourceAccount": "123456789012" } },
    "Url": { "Type": "AWS::Lambda::Url", "Properties": { "TargetFunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:f", "AuthType": "AWS_IAM" } }
  }
}`
  const { model } = extract(cloudformationUnit(text))

  it('reads a WebSocket stage with a route-settings map and no access log destination', () => {
    const [stage] = model.apigateway.httpStages
    expect(stage!.api?.protocol.value).toBe('WEBSOCKET')
    expect(stage!.accessLogDestination).toBeUndefined()
    expect(stage!.routeSettings.map((s) => [s.routeKey?.value, s.throttlingRateLimit?.value])).toEqual([['$connect', 10]])
  })

  it('leaves caching off for an HTTP API authorizer without a TTL', () => {
    expect(model.apigateway.authorizers[0]).toMatchObject({ type: { value: 'REQUEST' }, identitySource: undefined, cacheTtl: { value: 0, explicit: false } })
  })

  it('joins the WAF association to the stage by reference', () => {
    const acl = model.wafv2.webAcls[0]!
    expect(acl.defaultAction).toMatchObject({ value: 'block', loc: { startLine: lineOf(text, '"Block": {}') } })
    expect(acl.rules[0]!.managedRuleGroup?.name.value).toBe('AWSManagedRulesSQLiRuleSet')
    expect(acl.protectsApi).toBe(true)
    expect(model.apigateway.restStages[0]!.webAclAssociated.value).toBe(true)
    expect(acl.loggingConfigured.value).toBe(false)
  })

  it('reads Lambda permission scoping and URL auth', () => {
    expect(model.lambda.permissions[0]).toMatchObject({ sourceArn: undefined, sourceAccount: { value: '123456789012' } })
    expect(model.lambda.functionUrls[0]!.authType.value).toBe('AWS_IAM')
  })
})

describe('SAM APIs and function events', () => {
  const text = `{
  "Resources": {
    "Api": { "Type": "AWS::Serverless::Api", "Properties": { "StageName": "prod", "TracingEnabled": true, "EndpointConfiguration": "REGIONAL",
      "Auth": { "DefaultAuthorizer": "Token", "ApiKeyRequired": true,
        "Authorizers": { "Token": { "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:auth", "Identity": { "ValidationExpression": "^Bearer .+$" } } },
        "UsagePlan": { "CreateUsagePlan": "PER_API", "Throttle": { "RateLimit": 10 } } },
      "Cors": { "AllowOrigin": "'*'", "AllowCredentials": true },
      "Domain": { "DomainName": "api.example.com", "CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x" } } },
    "Http": { "Type": "AWS::Serverless::HttpApi", "Properties": { "CorsConfiguration": true } },
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Handler": "index.handler", "Runtime": "nodejs20.x",
      "FunctionUrlConfig": { "AuthType": "NONE" },
      "Events": {
        "Explicit": { "Type": "Api", "Properties": { "RestApiId": "@unknown(Api)", "Path": "/orders", "Method": "get" } },
        "Open": { "Type": "Api", "Properties": { "RestApiId": "@unknown(Api)", "Path": "/health", "Method": "get", "Auth": { "Authorizer": "NONE", "ApiKeyRequired": false } } },
        "Implicit": { "Type": "Api", "Properties": { "Path": "/items", "Method": "post" } },
        "Route": { "Type": "HttpApi", "Properties": { "ApiId": "@unknown(Http)", "Path": "/things", "Method": "get" } },
        "CatchAll": { "Type": "HttpApi" },
        "Queue": { "Type": "SQS", "Properties": { "Queue": "arn:aws:sqs:eu-west-1:123456789012:q" } }
      } } }
  }
}`
  const { model } = extract(cloudformationUnit(text))
  const api = model.apigateway

  it('turns an AWS::Serverless::Api into an API, its stage, authorizer, usage plan, domain and CORS', () => {
    const samApi = api.restApis.find((a) => a.meta.address === 'Api')!
    expect(samApi.endpointType.value).toBe('REGIONAL')
    expect(samApi.cors).toMatchObject({ allowOrigins: [{ value: '*' }], allowCredentials: { value: true } })
    const stage = api.restStages.find((s) => s.meta.address === 'Api')!
    expect(stage).toMatchObject({ name: { value: 'prod' }, xrayTracing: { value: true } })
    expect(stage.api).toBe(samApi)
    expect(api.authorizers[0]).toMatchObject({ type: { value: 'TOKEN', explicit: false }, identitySource: { value: 'method.request.header.Authorization' }, validationExpression: { value: '^Bearer .+$' }, cacheTtl: { value: 300 } })
    expect(api.usagePlans[0]).toMatchObject({ stages: [{ api: samApi, stage: { value: 'prod' } }], throttle: { rateLimit: { value: 10 } } })
    expect(api.domainNames[0]!.securityPolicy).toMatchObject({ value: 'TLS_1_0', explicit: false, loc: { startLine: lineOf(text, '"Domain":') } })
  })

  it('gives event methods the API defaults unless the event overrides them', () => {
    const byPath = (path: string) => api.restMethods.find((m) => m.path?.value === path)!
    expect(byPath('/orders')).toMatchObject({ httpMethod: { value: 'get' }, authorizationType: { value: 'CUSTOM' }, apiKeyRequired: { value: true } })
    expect(byPath('/health')).toMatchObject({ authorizationType: { value: 'NONE', explicit: true }, apiKeyRequired: { value: false } })
    expect(byPath('/orders').meta).toMatchObject({ address: 'Fn.Events.Explicit', loc: { startLine: lineOf(text, '"Explicit"') } })
  })

  it('creates the implicit ServerlessRestApi with its Prod stage for events that name no API', () => {
    const implicit = byAddress(api.restApis, 'ServerlessRestApi')
    expect(api.restMethods.find((m) => m.path?.value === '/items')!.api).toBe(implicit)
    expect(api.restStages.filter((s) => s.api === implicit).map((s) => [s.name.value, s.xrayTracing.value, s.accessLogDestination])).toEqual([['Prod', false, undefined]])
    expect(implicit.meta.loc.startLine).toBe(lineOf(text, '"Implicit"'))
  })

  it('turns HttpApi events into routes, on the implicit ServerlessHttpApi when none is named', () => {
    expect(api.httpRoutes.map((r) => [r.routeKey.value, r.api?.meta.address, r.authorizationType.value])).toEqual([
      ['GET /things', 'Http', 'NONE'],
      ['$default', 'ServerlessHttpApi', 'NONE'],
    ])
    expect(api.httpApis.find((a) => a.meta.address === 'Http')!.cors).toMatchObject({ allowOrigins: [{ value: '*' }], allowCredentials: { value: false } })
    expect(api.httpStages.map((s) => [s.api?.meta.address, s.name.value])).toEqual([['Http', '$default'], ['ServerlessHttpApi', '$default']])
  })

  it('reads FunctionUrlConfig as the function URL SAM creates', () => {
    expect(model.lambda.functionUrls[0]).toMatchObject({ meta: { address: 'FnUrl' }, authType: { value: 'NONE' } })
  })

  it('never guesses a stage name SAM requires but the template omits', () => {
    const { model: partial } = extract(cloudformationUnit('{ "Resources": { "Api": { "Type": "AWS::Serverless::Api", "Properties": {} } } }'))
    expect(partial.apigateway.restStages[0]!.name.value).toBeInstanceOf(Unknown)
  })
})

function byAddress<T extends { meta: { address: string } }>(list: T[], address: string): T {
  const found = list.find((item) => item.meta.address === address)
  if (!found) throw new Error(`no ${address}`)
  return found
}
