import type { ApiKey, Authorizer, Cors, HttpApi, HttpRoute, HttpStage, MethodSettings, RestApi, RestMethod, RouteSettings, UsagePlan } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import { field, type Value } from '../../parse/value.js'
import {
  addQuickCreate, addRestStage, attachMethodSettings, bindApiKey, firstItem, joinedStrings, linkHttpApi, linkResourcePolicy,
  linkRestApi, linkUsagePlan, resourcePath,
} from '../apigateway-links.js'
import type { Handler } from '../context.js'
import { moduleLocalRef } from '../references.js'
import { boolOr, items, metaOf, nested, numberOr, optionalNumber, optionalString, path, requiredString, stringList, stringOr, toString } from '../values.js'

const restApi: Handler = (resource, context) => {
  const types = firstItem(path(resource.body, 'endpoint_configuration.types'))
  const api: RestApi = {
    meta: metaOf(resource),
    name: requiredString(resource, 'name'),
    endpointType: types ? toString(types) : attr('EDGE', firstLine(resource.loc), false),
    vpcEndpointIds: stringList(path(resource.body, 'endpoint_configuration.vpc_endpoint_ids')),
  }
  context.model.apigateway.restApis.push(api)
  context.register('restApi', resource.address, api)
  linkResourcePolicy(context, api)
}

const restResource: Handler = (resource, context) => {
  context.register('restResource', resource.address, { pathPart: field(resource.body, 'path_part'), parentId: field(resource.body, 'parent_id') })
}

const restMethod: Handler = (resource, context) => {
  const method: RestMethod = {
    meta: metaOf(resource),
    httpMethod: requiredString(resource, 'http_method'),
    authorizationType: requiredString(resource, 'authorization'),
    apiKeyRequired: boolOr(resource, 'api_key_required', false),
  }
  context.model.apigateway.restMethods.push(method)
  linkRestApi(context, method, field(resource.body, 'rest_api_id'))
  const resourceId = field(resource.body, 'resource_id')
  context.afterAll(() => {
    const known = resourcePath(context, resourceId)
    if (known !== undefined && resourceId) method.path = attr(known, resourceId.loc)
  })
}

const restStage: Handler = (resource, context) => {
  addRestStage(context, resource.address, {
    meta: metaOf(resource),
    name: requiredString(resource, 'stage_name'),
    accessLogDestination: optionalString(resource, 'access_log_settings.destination_arn'),
    xrayTracing: boolOr(resource, 'xray_tracing_enabled', false),
    cacheClusterEnabled: boolOr(resource, 'cache_cluster_enabled', false),
  }, field(resource.body, 'rest_api_id'))
}

/** A deployment with `stage_name` creates that stage with every setting at its default. */
const restDeployment: Handler = (resource, context) => {
  const name = optionalString(resource, 'stage_name')
  if (!name || name.value === '') return
  addRestStage(context, resource.address, {
    meta: metaOf(resource),
    name,
    xrayTracing: attr(false, firstLine(resource.loc), false),
    cacheClusterEnabled: attr(false, firstLine(resource.loc), false),
  }, field(resource.body, 'rest_api_id'))
}

const restMethodSettings: Handler = (resource, context) => {
  const settings = nested(resource, field(resource.body, 'settings')) ?? resource
  const entry: MethodSettings = {
    loc: resource.loc,
    owner: metaOf(resource),
    methodPath: requiredString(resource, 'method_path'),
    throttlingRateLimit: optionalNumber(settings, 'throttling_rate_limit'),
    throttlingBurstLimit: optionalNumber(settings, 'throttling_burst_limit'),
    loggingLevel: stringOr(settings, 'logging_level', 'OFF'),
    dataTraceEnabled: boolOr(settings, 'data_trace_enabled', false),
    cachingEnabled: boolOr(settings, 'caching_enabled', false),
    cacheDataEncrypted: boolOr(settings, 'cache_data_encrypted', false),
  }
  attachMethodSettings(context, entry, field(resource.body, 'rest_api_id'), field(resource.body, 'stage_name'))
}

const restAuthorizer: Handler = (resource, context) => {
  const authorizer: Authorizer = {
    meta: metaOf(resource),
    type: stringOr(resource, 'type', 'TOKEN'),
    identitySource: stringOr(resource, 'identity_source', 'method.request.header.Authorization'),
    validationExpression: optionalString(resource, 'identity_validation_expression'),
    cacheTtl: numberOr(resource, 'authorizer_result_ttl_in_seconds', 300),
  }
  context.model.apigateway.authorizers.push(authorizer)
  context.register('authorizer', resource.address, authorizer)
}

const usagePlan: Handler = (resource, context) => {
  const apiStages = items(field(resource.body, 'api_stages')).filter((s) => s.kind === 'map')
  const throttleBlock = nested(resource, field(resource.body, 'throttle_settings'))
    // Per-stage throttles (api_stages { throttle { … } }) limit callers as well.
    ?? apiStages.map((s) => nested(resource, s.kind === 'map' ? field(s, 'throttle') : undefined)).find(Boolean)
  const quotaBlock = nested(resource, field(resource.body, 'quota_settings'))
  const plan: UsagePlan = {
    meta: metaOf(resource),
    stages: apiStages.map((s) => {
      const view = nested(resource, s)!
      return { loc: s.loc, apiRef: requiredString(view, 'api_id'), stage: requiredString(view, 'stage') }
    }),
    throttle: throttleBlock && {
      loc: throttleBlock.body.loc,
      rateLimit: optionalNumber(throttleBlock, 'rate_limit'),
      burstLimit: optionalNumber(throttleBlock, 'burst_limit'),
    },
    quota: quotaBlock && { loc: quotaBlock.body.loc, limit: optionalNumber(quotaBlock, 'limit'), period: optionalString(quotaBlock, 'period') },
  }
  context.register('usagePlan', resource.address, plan)
  linkUsagePlan(context, plan, apiStages.map((s) => (s.kind === 'map' ? field(s, 'api_id') : undefined)))
}

const apiKey: Handler = (resource, context) => {
  const key: ApiKey = { meta: metaOf(resource), enabled: boolOr(resource, 'enabled', true), usagePlans: [], unresolvedUsagePlans: 0 }
  context.model.apigateway.apiKeys.push(key)
  context.register('apiKey', resource.address, key)
}

const usagePlanKey: Handler = (resource, context) => {
  bindApiKey(context, field(resource.body, 'key_id'), field(resource.body, 'usage_plan_id'))
}

const restDomainName: Handler = (resource, context) => {
  // Without security_policy, API Gateway creates a REST custom domain with TLS_1_0.
  context.model.apigateway.domainNames.push({ meta: metaOf(resource), securityPolicy: stringOr(resource, 'security_policy', 'TLS_1_0') })
}

function corsOf(resource: RawResource, block: Value | undefined): Cors | undefined {
  const view = nested(resource, block)
  if (!view) return undefined
  return { loc: view.body.loc, allowOrigins: stringList(field(view.body, 'allow_origins')), allowCredentials: boolOr(view, 'allow_credentials', false) }
}

const httpApi: Handler = (resource, context) => {
  const meta = metaOf(resource)
  const api: HttpApi = {
    meta,
    name: requiredString(resource, 'name'),
    protocol: requiredString(resource, 'protocol_type'),
    cors: corsOf(resource, field(resource.body, 'cors_configuration')),
  }
  context.model.apigateway.httpApis.push(api)
  context.register('httpApi', resource.address, api)
  // Quick create only when the target is certainly set: a literal, or a reference to a resource (variables may be null).
  const target = field(resource.body, 'target')
  if (target?.kind === 'string' || (target?.kind === 'unknown' && moduleLocalRef(target.ref ?? '').startsWith('aws_'))) addQuickCreate(context, api, meta, stringOr(resource, 'route_key', '$default'), target)
}

const httpRoute: Handler = (resource, context) => {
  const route: HttpRoute = {
    meta: metaOf(resource),
    routeKey: requiredString(resource, 'route_key'),
    authorizationType: stringOr(resource, 'authorization_type', 'NONE'),
  }
  context.model.apigateway.httpRoutes.push(route)
  linkHttpApi(context, route, field(resource.body, 'api_id'))
}

function routeSettingsOf(resource: RawResource, block: Value): RouteSettings | undefined {
  const view = nested(resource, block)
  if (!view) return undefined
  return {
    loc: view.body.loc,
    routeKey: optionalString(view, 'route_key'),
    throttlingRateLimit: optionalNumber(view, 'throttling_rate_limit'),
    throttlingBurstLimit: optionalNumber(view, 'throttling_burst_limit'),
    dataTraceEnabled: boolOr(view, 'data_trace_enabled', false),
    loggingLevel: stringOr(view, 'logging_level', 'OFF'),
  }
}

const httpStage: Handler = (resource, context) => {
  const defaults = field(resource.body, 'default_route_settings')
  const stage: HttpStage = {
    meta: metaOf(resource),
    name: requiredString(resource, 'name'),
    accessLogDestination: optionalString(resource, 'access_log_settings.destination_arn'),
    defaultRouteSettings: defaults && routeSettingsOf(resource, defaults),
    routeSettings: items(field(resource.body, 'route_settings')).flatMap((block) => routeSettingsOf(resource, block) ?? []),
  }
  context.model.apigateway.httpStages.push(stage)
  linkHttpApi(context, stage, field(resource.body, 'api_id'))
}

const httpAuthorizer: Handler = (resource, context) => {
  const authorizer: Authorizer = {
    meta: metaOf(resource),
    type: requiredString(resource, 'authorizer_type'),
    identitySource: joinedStrings(field(resource.body, 'identity_sources')),
    cacheTtl: numberOr(resource, 'authorizer_result_ttl_in_seconds', 300),
  }
  context.model.apigateway.authorizers.push(authorizer)
  context.register('authorizer', resource.address, authorizer)
}

const httpDomainName: Handler = (resource, context) => {
  // HTTP and WebSocket custom domains accept only TLS_1_2.
  context.model.apigateway.domainNames.push({ meta: metaOf(resource), securityPolicy: stringOr(resource, 'domain_name_configuration.security_policy', 'TLS_1_2') })
}

export const handlers: Record<string, Handler> = {
  aws_api_gateway_rest_api: restApi,
  aws_api_gateway_resource: restResource,
  aws_api_gateway_method: restMethod,
  aws_api_gateway_stage: restStage,
  aws_api_gateway_deployment: restDeployment,
  aws_api_gateway_method_settings: restMethodSettings,
  aws_api_gateway_authorizer: restAuthorizer,
  aws_api_gateway_usage_plan: usagePlan,
  aws_api_gateway_api_key: apiKey,
  aws_api_gateway_usage_plan_key: usagePlanKey,
  aws_api_gateway_domain_name: restDomainName,
  aws_apigatewayv2_api: httpApi,
  aws_apigatewayv2_route: httpRoute,
  aws_apigatewayv2_stage: httpStage,
  aws_apigatewayv2_authorizer: httpAuthorizer,
  aws_apigatewayv2_domain_name: httpDomainName,
}
