import { describe, expect, it } from 'vitest'
import { Unknown } from '../../src/model/source.js'
import { extract, lineOf, terraformUnit } from '../helpers/values.js'

// Hand-built Terraform values (the .tf.json shape): blocks are lists of objects, references are markers.

describe('Terraform REST APIs', () => {
  const text = `{
  "resource": {
    "aws_api_gateway_rest_api": {
      "shop": { "name": "shop", "endpoint_configuration": [{ "types": ["REGIONAL"] }] },
      "legacy": { "name": "legacy" }
    },
    "aws_api_gateway_resource": {
      "orders": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "parent_id": "@unknown(aws_api_gateway_rest_api.shop.root_resource_id)", "path_part": "orders" },
      "order": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "parent_id": "@unknown(aws_api_gateway_resource.orders.id)", "path_part": "{id}" }
    },
    "aws_api_gateway_method": {
      "get_order": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "resource_id": "@unknown(aws_api_gateway_resource.order.id)", "http_method": "GET", "authorization": "NONE" }
    },
    "aws_api_gateway_stage": {
      "prod": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "stage_name": "prod", "xray_tracing_enabled": true, "access_log_settings": [{ "destination_arn": "arn:aws:logs:eu-west-1:123456789012:log-group:api" }] },
      "dev": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "stage_name": "dev" }
    },
    "aws_api_gateway_deployment": {
      "legacy": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.legacy.id)", "stage_name": "v1" }
    },
    "aws_api_gateway_method_settings": {
      "by_ref": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "stage_name": "@ref(aws_api_gateway_stage.prod.stage_name)=prod", "method_path": "*/*", "settings": [{ "throttling_rate_limit": 100, "logging_level": "INFO", "caching_enabled": true }] },
      "by_name": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "stage_name": "dev", "method_path": "orders/GET", "settings": [{ "data_trace_enabled": true }] },
      "elsewhere": { "rest_api_id": "@unknown(var.api_id)", "stage_name": "@unknown(var.stage)", "method_path": "*/*", "settings": [{ "logging_level": "ERROR" }] }
    },
    "aws_api_gateway_domain_name": {
      "api": { "domain_name": "api.example.com" }
    }
  }
}`
  const { model } = extract(terraformUnit(text))
  const api = model.apigateway

  it('reads endpoint types, defaulting to EDGE at the resource line', () => {
    expect(api.restApis.map((a) => [a.meta.address, a.endpointType.value, a.endpointType.explicit])).toEqual([
      ['aws_api_gateway_rest_api.shop', 'REGIONAL', true],
      ['aws_api_gateway_rest_api.legacy', 'EDGE', false],
    ])
    expect(api.restApis[1]!.endpointType.loc.startLine).toBe(lineOf(text, '"legacy": { "name"'))
  })

  it('builds the method path from the chain of resources and links the method to its API', () => {
    const [method] = api.restMethods
    expect(method!.path?.value).toBe('/orders/{id}')
    expect(method!.api).toBe(api.restApis[0])
    expect(method!.authorizationType).toMatchObject({ value: 'NONE', explicit: true, loc: { startLine: lineOf(text, '"get_order"') } })
    expect(method!.apiKeyRequired).toMatchObject({ value: false, explicit: false })
  })

  it('joins method settings by stage reference, by API and stage name, and marks stages an unresolved one may belong to', () => {
    const [prod, dev, v1] = api.restStages
    expect(prod!.methodSettings.map((s) => s.methodPath.value)).toEqual(['*/*'])
    expect(prod!.methodSettings[0]!.throttlingRateLimit?.value).toBe(100)
    expect(prod!.methodSettings[0]!.cacheDataEncrypted).toMatchObject({ value: false, explicit: false })
    expect(dev!.methodSettings.map((s) => s.dataTraceEnabled.value)).toEqual([true])
    expect(dev!.methodSettings[0]!.loggingLevel).toMatchObject({ value: 'OFF', explicit: false })
    expect(api.methodSettings).toHaveLength(3)
    expect(api.methodSettings[2]!.stage).toBeUndefined()
    expect([prod, dev, v1].map((s) => s!.methodSettingsComplete)).toEqual([false, false, false])
  })

  it('reads stage settings and the stage a deployment creates', () => {
    const [prod, dev, v1] = api.restStages
    expect(prod!.accessLogDestination?.value).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:api')
    expect(prod!.xrayTracing.value).toBe(true)
    expect(dev!.accessLogDestination).toBeUndefined()
    expect(dev!.xrayTracing).toMatchObject({ value: false, explicit: false })
    expect(v1!.meta.address).toBe('aws_api_gateway_deployment.legacy')
    expect(v1!.name.value).toBe('v1')
    expect(v1!.api).toBe(api.restApis[1])
    expect(prod!.webAclAssociated).toMatchObject({ value: false, explicit: false })
  })

  it('defaults a REST custom domain to TLS_1_0', () => {
    expect(api.domainNames[0]!.securityPolicy).toMatchObject({ value: 'TLS_1_0', explicit: false })
  })
})

describe('Terraform usage plans and keys', () => {
  const text = `{
  "resource": {
    "aws_api_gateway_rest_api": { "partner": { "name": "partner" } },
    "aws_api_gateway_usage_plan": {
      "gold": { "name": "gold", "api_stages": [{ "api_id": "@unknown(aws_api_gateway_rest_api.partner.id)", "stage": "prod" }], "quota_settings": [{ "limit": 1000, "period": "DAY" }] }
    },
    "aws_api_gateway_api_key": { "acme": { "name": "acme" }, "orphan": { "name": "orphan" }, "remote": { "name": "remote" } },
    "aws_api_gateway_usage_plan_key": {
      "acme": { "key_id": "@unknown(aws_api_gateway_api_key.acme.id)", "key_type": "API_KEY", "usage_plan_id": "@unknown(aws_api_gateway_usage_plan.gold.id)" },
      "remote": { "key_id": "@unknown(aws_api_gateway_api_key.remote.id)", "key_type": "API_KEY", "usage_plan_id": "@unknown(var.plan_id)" }
    }
  }
}`
  const { model } = extract(terraformUnit(text))

  it('links plan stages to their API and keys to their plans', () => {
    const [plan] = model.apigateway.usagePlans
    expect(plan!.stages[0]!.api).toBe(model.apigateway.restApis[0])
    expect(plan!.quota?.limit?.value).toBe(1000)
    expect(plan!.throttle).toBeUndefined()
    const [acme, orphan, remote] = model.apigateway.apiKeys
    expect(acme!.usagePlans).toEqual([plan])
    expect(orphan!.usagePlans).toEqual([])
    expect(orphan!.unresolvedUsagePlans).toBe(0)
    expect(remote!.unresolvedUsagePlans).toBe(1)
    expect(acme!.enabled).toMatchObject({ value: true, explicit: false })
  })
})

describe('Terraform HTTP and WebSocket APIs', () => {
  const text = `{
  "resource": {
    "aws_apigatewayv2_api": {
      "app": { "name": "app", "protocol_type": "HTTP", "cors_configuration": [{ "allow_origins": ["*"], "allow_credentials": true }] },
      "quick": { "name": "quick", "protocol_type": "HTTP", "target": "arn:aws:lambda:eu-west-1:123456789012:function:f" }
    },
    "aws_apigatewayv2_route": { "items": { "api_id": "@unknown(aws_apigatewayv2_api.app.id)", "route_key": "GET /items" } },
    "aws_apigatewayv2_stage": {
      "live": { "api_id": "@unknown(aws_apigatewayv2_api.app.id)", "name": "live", "default_route_settings": [{ "throttling_burst_limit": 10 }], "route_settings": [{ "route_key": "GET /items", "data_trace_enabled": true }] }
    },
    "aws_apigatewayv2_authorizer": {
      "lambda": { "api_id": "@unknown(aws_apigatewayv2_api.app.id)", "authorizer_type": "REQUEST", "identity_sources": ["$request.header.Authorization", "$request.querystring.token"] }
    }
  }
}`
  const { model } = extract(terraformUnit(text))
  const api = model.apigateway

  it('reads CORS, routes with their default authorization and stage route settings', () => {
    expect(api.httpApis[0]!.cors).toMatchObject({ allowOrigins: [{ value: '*' }], allowCredentials: { value: true } })
    const items = api.httpRoutes.find((r) => r.routeKey.value === 'GET /items')!
    expect(items.api).toBe(api.httpApis[0])
    expect(items.authorizationType).toMatchObject({ value: 'NONE', explicit: false })
    const live = api.httpStages.find((s) => s.name.value === 'live')!
    expect(live.api).toBe(api.httpApis[0])
    expect(live.defaultRouteSettings?.throttlingBurstLimit?.value).toBe(10)
    expect(live.routeSettings.map((s) => [s.routeKey?.value, s.dataTraceEnabled.value])).toEqual([['GET /items', true]])
  })

  it('models quick create as an open catch-all route and a $default stage', () => {
    const quick = api.httpApis[1]!
    expect(api.httpRoutes.filter((r) => r.api === quick).map((r) => [r.routeKey.value, r.authorizationType.value])).toEqual([['$default', 'NONE']])
    expect(api.httpStages.filter((s) => s.api === quick).map((s) => [s.name.value, s.accessLogDestination])).toEqual([['$default', undefined]])
  })

  it('does not quick-create when the target may be null (a variable)', () => {
    const optional = '{ "resource": { "aws_apigatewayv2_api": { "this": { "name": "x", "protocol_type": "HTTP", "target": "@unknown(var.target)" }, "off": { "name": "y", "protocol_type": "HTTP", "target": null } } } }'
    const { model: quiet } = extract(terraformUnit(optional))
    expect([quiet.apigateway.httpRoutes, quiet.apigateway.httpStages]).toEqual([[], []])
  })

  it('joins identity sources and defaults the cache TTL to 300', () => {
    expect(api.authorizers[0]).toMatchObject({ type: { value: 'REQUEST' }, identitySource: { value: '$request.header.Authorization,$request.querystring.token' }, cacheTtl: { value: 300, explicit: false } })
  })
})

describe('Terraform WAFv2 and Lambda', () => {
  const text = `{
  "resource": {
    "aws_api_gateway_stage": { "prod": { "rest_api_id": "a1b2c3", "stage_name": "prod" }, "beta": { "rest_api_id": "a1b2c3", "stage_name": "beta" } },
    "aws_wafv2_web_acl": {
      "api": { "name": "api", "scope": "REGIONAL", "default_action": [{ "allow": [{}] }], "rule": [{ "name": "common", "statement": [{ "managed_rule_group_statement": [{ "name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS" }] }] }] },
      "alb": { "name": "alb", "scope": "REGIONAL", "default_action": [{ "block": [{}] }] }
    },
    "aws_wafv2_web_acl_association": {
      "prod": { "resource_arn": "@unknown(aws_api_gateway_stage.prod.arn)", "web_acl_arn": "@unknown(aws_wafv2_web_acl.api.arn)" },
      "alb": { "resource_arn": "@unknown(aws_lb.front.arn)", "web_acl_arn": "@unknown(aws_wafv2_web_acl.alb.arn)" }
    },
    "aws_wafv2_web_acl_logging_configuration": { "api": { "resource_arn": "@unknown(aws_wafv2_web_acl.api.arn)", "log_destination_configs": ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-api"] } },
    "aws_lambda_permission": { "api": { "action": "lambda:InvokeFunction", "function_name": "orders", "principal": "apigateway.amazonaws.com" } },
    "aws_lambda_function_url": { "report": { "function_name": "report", "authorization_type": "NONE", "cors": [{ "allow_origins": ["*"] }] } }
  }
}`
  const { model } = extract(terraformUnit(text))

  it('reads default action and managed rule groups', () => {
    const [api, alb] = model.wafv2.webAcls
    expect(api!.defaultAction).toMatchObject({ value: 'allow', loc: { startLine: lineOf(text, '"api": { "name": "api"') } })
    expect(api!.rules.map((r) => [r.name.value, r.managedRuleGroup?.vendor.value, r.managedRuleGroup?.name.value])).toEqual([['common', 'AWS', 'AWSManagedRulesCommonRuleSet']])
    expect(alb!.defaultAction.value).toBe('block')
    expect(alb!.rules).toEqual([])
  })

  it('marks the associated stage and the ACL that protects an API; logging joins by reference', () => {
    const [prod, beta] = model.apigateway.restStages
    const [api, alb] = model.wafv2.webAcls
    expect(prod!.webAclAssociated).toMatchObject({ value: true, explicit: true })
    expect(beta!.webAclAssociated.value).toBe(false)
    expect([api!.protectsApi, alb!.protectsApi]).toEqual([true, false])
    expect(model.wafv2.associations.map((a) => a.webAcl)).toEqual([api, alb])
    expect([api!.loggingConfigured.value, alb!.loggingConfigured.value]).toEqual([true, false])
  })

  it('makes every stage unknown when an association target cannot be resolved', () => {
    const unresolved = `{ "resource": {
  "aws_api_gateway_stage": { "prod": { "rest_api_id": "a1b2c3", "stage_name": "prod" } },
  "aws_wafv2_web_acl_association": { "x": { "resource_arn": "@unknown(var.stage_arn)", "web_acl_arn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1" } }
} }`
    const stage = extract(terraformUnit(unresolved)).model.apigateway.restStages[0]!
    expect(stage.webAclAssociated.value).toBeInstanceOf(Unknown)
  })

  it('reads Lambda permissions and function URLs', () => {
    expect(model.lambda.permissions[0]).toMatchObject({ principal: { value: 'apigateway.amazonaws.com' }, sourceArn: undefined })
    expect(model.lambda.functionUrls[0]).toMatchObject({ authType: { value: 'NONE' }, cors: { allowOrigins: [{ value: '*' }], allowCredentials: { value: false, explicit: false } } })
  })
})

describe('Terraform API resource policies', () => {
  it('links a separate aws_api_gateway_rest_api_policy to its API by reference', () => {
    const policy = JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }] }))
    const text = `{ "resource": {
  "aws_api_gateway_rest_api": { "shop": { "name": "shop" }, "other": { "name": "other" } },
  "aws_api_gateway_rest_api_policy": { "shop": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.shop.id)", "policy": ${policy} } }
} }`
    const { model } = extract(terraformUnit(text))
    const [shop, other] = model.apigateway.restApis
    expect(shop!.policy?.statements).toHaveLength(1)
    expect(other!.policy).toBeUndefined()
  })
})
