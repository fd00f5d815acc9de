import type { ApiKey, Authorizer, Cors, HttpApi, HttpRoute, HttpStage, MethodSettings, RestApi, RestMethod, RestStage, RouteSettings, UsagePlan } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { attr, firstLine } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import { field, type Value } from '../../parse/value.js'
import {
  addQuickCreate, addRestStage, bindApiKey, firstItem, joinedStrings, linkHttpApi, linkResourcePolicy,
  linkRestApi, linkUsagePlan, resourcePath,
} from '../apigateway-links.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { boolOr, items, metaOf, nested, numberOr, optionalNumber, optionalString, requiredString, stringList, stringOr, toString } from '../values.js'

/*
 * AWS::ApiGateway::* and AWS::ApiGatewayV2::*. The shapes SAM shares with them (method settings,
 * route settings, CORS) are exported for sam-api.ts.
 */

const restApi: Handler = (resource, context) => {
  const endpoint = nested(resource, field(resource.body, 'EndpointConfiguration'))?.body
  const types = firstItem(field(endpoint, 'Types'))
  const api: RestApi = {
    meta: metaOf(resource),
    name: requiredString(resource, 'Name'),
    endpointType: types ? toString(types) : attr('EDGE', firstLine(resource.loc), false),
    vpcEndpointIds: stringList(field(endpoint, 'VpcEndpointIds')),
  }
  context.model.apigateway.restApis.push(api)
  context.register('restApi', resource.address, api)
  linkResourcePolicy(context, api)
}

const restResource: Handler = (resource, context) => {
  context.register('restResource', resource.address, { pathPart: field(resource.body, 'PathPart'), parentId: field(resource.body, 'ParentId') })
}

const restMethod: Handler = (resource, context) => {
  const method: RestMethod = {
    meta: metaOf(resource),
    httpMethod: requiredString(resource, 'HttpMethod'),
    authorizationType: stringOr(resource, 'AuthorizationType', 'NONE'),
    apiKeyRequired: boolOr(resource, 'ApiKeyRequired', false),
  }
  context.model.apigateway.restMethods.push(method)
  linkRestApi(context, method, field(resource.body, 'RestApiId'))
  const resourceId = field(resource.body, 'ResourceId')
  context.afterAll(() => {
    const known = resourcePath(context, resourceId)
    if (known !== undefined && resourceId) method.path = attr(known, resourceId.loc)
  })
}

/** One entry of a `MethodSettings` list (Stage, Deployment StageDescription, SAM Api). */
export function methodSettingsOf(resource: RawResource, value: Value, owner: ResourceMeta): MethodSettings | undefined {
  const view = nested(resource, value)
  if (!view) return undefined
  const resourcePathText = optionalString(view, 'ResourcePath')?.value
  const httpMethod = optionalString(view, 'HttpMethod')?.value
  const scope = `${typeof resourcePathText === 'string' ? resourcePathText.replace(/^\//, '') || '*' : '*'}/${typeof httpMethod === 'string' ? httpMethod : '*'}`
  return {
    loc: value.loc,
    owner,
    methodPath: attr(scope, value.loc),
    throttlingRateLimit: optionalNumber(view, 'ThrottlingRateLimit'),
    throttlingBurstLimit: optionalNumber(view, 'ThrottlingBurstLimit'),
    loggingLevel: stringOr(view, 'LoggingLevel', 'OFF'),
    dataTraceEnabled: boolOr(view, 'DataTraceEnabled', false),
    cachingEnabled: boolOr(view, 'CachingEnabled', false),
    cacheDataEncrypted: boolOr(view, 'CacheDataEncrypted', false),
  }
}

const STAGE_WIDE_SETTINGS = ['LoggingLevel', 'DataTraceEnabled', 'ThrottlingRateLimit', 'ThrottlingBurstLimit', 'CachingEnabled', 'CacheDataEncrypted']

/** Stage-level settings of a stage description (apply to `*​/*`) plus its MethodSettings list. */
function stageSettings(resource: RawResource, settings: RawResource, owner: ResourceMeta): MethodSettings[] {
  const list = items(field(settings.body, 'MethodSettings')).flatMap((value) => methodSettingsOf(resource, value, owner) ?? [])
  const stageWide = STAGE_WIDE_SETTINGS.some((key) => field(settings.body, key) !== undefined) ? methodSettingsOf(resource, settings.body, owner) : undefined
  return stageWide ? [stageWide, ...list] : list
}

/** Settings written on the stage itself. */
export function registerSettings(context: ExtractContext, stage: RestStage, settings: MethodSettings[]): void {
  for (const entry of settings) {
    entry.stage = stage
    stage.methodSettings.push(entry)
    context.model.apigateway.methodSettings.push(entry)
  }
}

const restStage: Handler = (resource, context) => {
  const meta = metaOf(resource)
  const stage = addRestStage(context, resource.address, {
    meta,
    name: requiredString(resource, 'StageName'),
    accessLogDestination: optionalString(resource, 'AccessLogSetting.DestinationArn'),
    xrayTracing: boolOr(resource, 'TracingEnabled', false),
    cacheClusterEnabled: boolOr(resource, 'CacheClusterEnabled', false),
  }, field(resource.body, 'RestApiId'))
  registerSettings(context, stage, items(field(resource.body, 'MethodSettings')).flatMap((value) => methodSettingsOf(resource, value, meta) ?? []))
}

/** A deployment with StageName creates that stage, configured by its StageDescription. */
const restDeployment: Handler = (resource, context) => {
  const name = optionalString(resource, 'StageName')
  if (!name || name.value === '') return
  const meta = metaOf(resource)
  const description = nested(resource, field(resource.body, 'StageDescription'))
  const stage = addRestStage(context, resource.address, {
    meta,
    name,
    accessLogDestination: description && optionalString(description, 'AccessLogSetting.DestinationArn'),
    xrayTracing: description ? boolOr(description, 'TracingEnabled', false) : attr(false, firstLine(resource.loc), false),
    cacheClusterEnabled: description ? boolOr(description, 'CacheClusterEnabled', false) : attr(false, firstLine(resource.loc), false),
  }, field(resource.body, 'RestApiId'))
  if (description) registerSettings(context, stage, stageSettings(resource, description, meta))
}

const restAuthorizer: Handler = (resource, context) => {
  const authorizer: Authorizer = {
    meta: metaOf(resource),
    type: requiredString(resource, 'Type'),
    identitySource: optionalString(resource, 'IdentitySource'),
    validationExpression: optionalString(resource, 'IdentityValidationExpression'),
    cacheTtl: numberOr(resource, 'AuthorizerResultTtlInSeconds', 300),
  }
  context.model.apigateway.authorizers.push(authorizer)
  context.register('authorizer', resource.address, authorizer)
}

/** Usage plan limits as both AWS::ApiGateway::UsagePlan and SAM's Auth.UsagePlan write them. */
export function usagePlanLimits(resource: RawResource, body: RawResource): Pick<UsagePlan, 'throttle' | 'quota'> {
  const throttle = nested(resource, field(body.body, 'Throttle'))
  const quota = nested(resource, field(body.body, 'Quota'))
  return {
    throttle: throttle && { loc: throttle.body.loc, rateLimit: optionalNumber(throttle, 'RateLimit'), burstLimit: optionalNumber(throttle, 'BurstLimit') },
    quota: quota && { loc: quota.body.loc, limit: optionalNumber(quota, 'Limit'), period: optionalString(quota, 'Period') },
  }
}

const usagePlan: Handler = (resource, context) => {
  const apiStages = items(field(resource.body, 'ApiStages')).filter((s) => s.kind === 'map')
  const limits = usagePlanLimits(resource, resource)
  // Per-method throttles of an ApiStages entry limit callers as well.
  const stageThrottle = apiStages.map((s) => nested(resource, s.kind === 'map' ? field(s, 'Throttle') : undefined)).find(Boolean)
  const plan: UsagePlan = {
    meta: metaOf(resource),
    stages: apiStages.map((s) => {
      const view = nested(resource, s)!
      return { loc: s.loc, apiRef: requiredString(view, 'ApiId'), stage: requiredString(view, 'Stage') }
    }),
    throttle: limits.throttle ?? (stageThrottle && { loc: stageThrottle.body.loc }),
    quota: limits.quota,
  }
  context.register('usagePlan', resource.address, plan)
  linkUsagePlan(context, plan, apiStages.map((s) => (s.kind === 'map' ? field(s, 'ApiId') : undefined)))
}

const apiKey: Handler = (resource, context) => {
  // CloudFormation creates keys disabled unless Enabled is true.
  const key: ApiKey = { meta: metaOf(resource), enabled: boolOr(resource, 'Enabled', false), usagePlans: [], unresolvedUsagePlans: 0 }
  context.model.apigateway.apiKeys.push(key)
  context.register('apiKey', resource.address, key)
}

const usagePlanKey: Handler = (resource, context) => {
  bindApiKey(context, field(resource.body, 'KeyId'), field(resource.body, 'UsagePlanId'))
}

const restDomainName: Handler = (resource, context) => {
  // Without SecurityPolicy, API Gateway creates a REST custom domain with TLS_1_0.
  context.model.apigateway.domainNames.push({ meta: metaOf(resource), securityPolicy: stringOr(resource, 'SecurityPolicy', 'TLS_1_0') })
}

/** CorsConfiguration of an HTTP API (also SAM HttpApi, Lambda URLs): AllowOrigins and AllowCredentials. */
export function corsOf(resource: RawResource, value: Value | undefined): Cors | undefined {
  const view = nested(resource, value)
  if (!view) return undefined
  return { loc: view.body.loc, allowOrigins: stringList(field(view.body, 'AllowOrigins')), allowCredentials: boolOr(view, 'AllowCredentials', false) }
}

const httpApi: Handler = (resource, context) => {
  const meta = metaOf(resource)
  const api: HttpApi = {
    meta,
    name: requiredString(resource, 'Name'),
    protocol: requiredString(resource, 'ProtocolType'),
    cors: corsOf(resource, field(resource.body, 'CorsConfiguration')),
  }
  context.model.apigateway.httpApis.push(api)
  context.register('httpApi', resource.address, api)
  const target = field(resource.body, 'Target')
  if (target && target.kind !== 'null') addQuickCreate(context, api, meta, stringOr(resource, 'RouteKey', '$default'), target)
}

const httpRoute: Handler = (resource, context) => {
  const route: HttpRoute = {
    meta: metaOf(resource),
    routeKey: requiredString(resource, 'RouteKey'),
    authorizationType: stringOr(resource, 'AuthorizationType', 'NONE'),
  }
  context.model.apigateway.httpRoutes.push(route)
  linkHttpApi(context, route, field(resource.body, 'ApiId'))
}

/** DefaultRouteSettings, or one value of the RouteSettings map (keyed by route key). */
export function routeSettingsOf(resource: RawResource, value: Value | undefined, routeKey?: RouteSettings['routeKey']): RouteSettings | undefined {
  const view = nested(resource, value)
  if (!view) return undefined
  return {
    loc: view.body.loc,
    routeKey,
    throttlingRateLimit: optionalNumber(view, 'ThrottlingRateLimit'),
    throttlingBurstLimit: optionalNumber(view, 'ThrottlingBurstLimit'),
    dataTraceEnabled: boolOr(view, 'DataTraceEnabled', false),
    loggingLevel: stringOr(view, 'LoggingLevel', 'OFF'),
  }
}

/** `RouteSettings: { "GET /items": { … } }`. */
export function routeSettingsMap(resource: RawResource, value: Value | undefined): RouteSettings[] {
  if (value?.kind !== 'map') return []
  return value.entries.flatMap((e) => routeSettingsOf(resource, e.value, attr(e.key, e.keyLoc)) ?? [])
}

const httpStage: Handler = (resource, context) => {
  const stage: HttpStage = {
    meta: metaOf(resource),
    name: requiredString(resource, 'StageName'),
    accessLogDestination: optionalString(resource, 'AccessLogSettings.DestinationArn'),
    defaultRouteSettings: routeSettingsOf(resource, field(resource.body, 'DefaultRouteSettings')),
    routeSettings: routeSettingsMap(resource, field(resource.body, 'RouteSettings')),
  }
  context.model.apigateway.httpStages.push(stage)
  linkHttpApi(context, stage, field(resource.body, 'ApiId'))
}

const httpAuthorizer: Handler = (resource, context) => {
  const authorizer: Authorizer = {
    meta: metaOf(resource),
    type: requiredString(resource, 'AuthorizerType'),
    identitySource: joinedStrings(field(resource.body, 'IdentitySource')),
    // The API leaves caching off unless a TTL is given.
    cacheTtl: numberOr(resource, 'AuthorizerResultTtlInSeconds', 0),
  }
  context.model.apigateway.authorizers.push(authorizer)
  context.register('authorizer', resource.address, authorizer)
}

const httpDomainName: Handler = (resource, context) => {
  const configuration = nested(resource, field(resource.body, 'DomainNameConfigurations'))
  // HTTP and WebSocket custom domains accept only TLS_1_2.
  const securityPolicy = configuration ? stringOr(configuration, 'SecurityPolicy', 'TLS_1_2') : attr('TLS_1_2', firstLine(resource.loc), false)
  context.model.apigateway.domainNames.push({ meta: metaOf(resource), securityPolicy })
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::ApiGateway::Resource': restResource,
  'AWS::ApiGateway::Method': restMethod,
  'AWS::ApiGateway::Stage': restStage,
  'AWS::ApiGateway::Deployment': restDeployment,
  'AWS::ApiGateway::Authorizer': restAuthorizer,
  'AWS::ApiGateway::UsagePlan': usagePlan,
  'AWS::ApiGateway::ApiKey': apiKey,
  'AWS::ApiGateway::UsagePlanKey': usagePlanKey,
  'AWS::ApiGateway::DomainName': restDomainName,
  'AWS::ApiGatewayV2::Api': httpApi,
  'AWS::ApiGatewayV2::Route': httpRoute,
  'AWS::ApiGatewayV2::Stage': httpStage,
  'AWS::ApiGatewayV2::Authorizer': httpAuthorizer,
  'AWS::ApiGatewayV2::DomainName': httpDomainName,
})
