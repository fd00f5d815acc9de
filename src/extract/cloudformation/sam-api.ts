import type { Authorizer, Cors, HttpApi, RestApi, RestMethod, HttpRoute, UsagePlan } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { Unknown, attr, firstLine, type Attr, type SourceRange } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import { field, type MapEntry, type Value } from '../../parse/value.js'
import { addRestStage, joinedStrings, linkHttpApi, linkResourcePolicy, linkRestApi } from '../apigateway-links.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { boolOr, items, metaOf, nested, numberOr, optionalString, stringList, stringOr, toString } from '../values.js'
import { corsOf, methodSettingsOf, registerSettings, routeSettingsMap, routeSettingsOf, usagePlanLimits } from './apigateway.js'

/*
 * AWS SAM: AWS::Serverless::Api and ::HttpApi as the API, stage, authorizers, usage plan and domain the
 * transform generates, and AWS::Serverless::Function's Api/HttpApi events as methods and routes (on the
 * implicit ServerlessRestApi / ServerlessHttpApi when no API is referenced) and its FunctionUrlConfig.
 * The parser applies Globals to declared resources; the implicit APIs read Globals.Api / HttpApi here.
 */

/** What a SAM API's `Auth` gives every event method or route that does not say otherwise. */
interface AuthDefaults {
  authorizer?: Attr<string>
  apiKeyRequired?: Attr<boolean>
  /** Authorizer name → the authorization type methods using it get (CUSTOM, COGNITO_USER_POOLS, JWT). */
  authorizationTypes: Map<string, string>
}

const authDefaults = new WeakMap<object, AuthDefaults>()

/** A part of a resource (an authorizer, an event) as the model object's identity: its own address and lines. */
function partMeta(resource: RawResource, suffix: string, loc: SourceRange): ResourceMeta {
  return { address: `${resource.address}.${suffix}`, sourceType: resource.type, loc, suppressions: resource.suppressions }
}

/** From a map entry's key line to the end of its value: findings about what the part lacks point at its name. */
function entryLoc(e: MapEntry): SourceRange {
  return { file: e.keyLoc.file, startLine: e.keyLoc.startLine, endLine: Math.max(e.keyLoc.endLine, e.value.loc.endLine) }
}

function mapEntries(value: Value | undefined): MapEntry[] {
  return value?.kind === 'map' ? value.entries : []
}

function endpointTypeOf(resource: RawResource): Attr<string> {
  const value = field(resource.body, 'EndpointConfiguration')
  const type = value?.kind === 'map' ? field(value, 'Type') : value
  return type ? toString(type) : attr('EDGE', firstLine(resource.loc), false)
}

/** `Cors: "'*'"` or `Cors: { AllowOrigin: "'*'", AllowCredentials: true }`: SAM writes origins as quoted header values. */
function restCorsOf(resource: RawResource): Cors | undefined {
  const value = field(resource.body, 'Cors')
  if (!value) return undefined
  const view = nested(resource, value)
  const origin = view ? field(view.body, 'AllowOrigin') : value
  const unquote = (a: Attr<string>): Attr<string> => (typeof a.value === 'string' ? { ...a, value: a.value.replace(/^'(.*)'$/, '$1') } : a)
  return { loc: value.loc, allowOrigins: stringList(origin).map(unquote), allowCredentials: view ? boolOr(view, 'AllowCredentials', false) : attr(false, value.loc, false) }
}

/** Method request identity sources of a SAM Lambda authorizer's `Identity`. */
function requestIdentitySource(identity: Value | undefined): Attr<string> | undefined {
  if (identity?.kind !== 'map') return undefined
  const sources: Value[] = []
  const prefixes: Record<string, string> = { Headers: 'method.request.header.', QueryStrings: 'method.request.querystring.', StageVariables: 'stageVariables.', Context: 'context.' }
  for (const [key, prefix] of Object.entries(prefixes)) {
    for (const item of items(field(identity, key))) sources.push(item.kind === 'string' ? { ...item, value: `${prefix}${item.value}` } : item)
  }
  return sources.length > 0 ? joinedStrings({ kind: 'list', loc: identity.loc, items: sources }) : undefined
}

function addAuthorizers(resource: RawResource, context: ExtractContext, auth: Value | undefined, http: boolean): AuthDefaults {
  const defaults: AuthDefaults = { authorizationTypes: new Map() }
  const authView = nested(resource, auth)
  if (!authView) return defaults
  defaults.authorizer = optionalString(authView, 'DefaultAuthorizer')
  defaults.apiKeyRequired = field(authView.body, 'ApiKeyRequired') ? boolOr(authView, 'ApiKeyRequired', false) : undefined
  for (const e of mapEntries(field(authView.body, 'Authorizers'))) {
    const view = nested(resource, e.value)
    if (!view) continue
    const isLambda = field(view.body, 'FunctionArn') !== undefined
    const isJwt = field(view.body, 'JwtConfiguration') !== undefined
    defaults.authorizationTypes.set(e.key, isLambda ? 'CUSTOM' : isJwt ? 'JWT' : 'COGNITO_USER_POOLS')
    if (!isLambda) continue
    const identity = field(view.body, 'Identity')
    const identityView = nested(resource, identity)
    const payload = http ? attr('REQUEST', e.keyLoc, false) : stringOr(view, 'FunctionPayloadType', 'TOKEN')
    const tokenHeader = identityView ? optionalString(identityView, 'Header') : undefined
    const authorizer: Authorizer = {
      meta: partMeta(resource, `Auth.Authorizers.${e.key}`, entryLoc(e)),
      type: payload,
      identitySource: payload.value === 'TOKEN'
        ? (tokenHeader ? { ...tokenHeader, value: typeof tokenHeader.value === 'string' ? `method.request.header.${tokenHeader.value}` : tokenHeader.value } : attr('method.request.header.Authorization', e.keyLoc, false))
        : requestIdentitySource(identity),
      validationExpression: identityView && optionalString(identityView, 'ValidationExpression'),
      // An HTTP API Lambda authorizer without Identity is created with caching off.
      cacheTtl: identityView ? numberOr(identityView, 'ReauthorizeEvery', 300) : attr(http ? 0 : 300, e.keyLoc, false),
    }
    context.model.apigateway.authorizers.push(authorizer)
  }
  return defaults
}

/** Auth.UsagePlan with CreateUsagePlan PER_API or SHARED makes a plan bound to this API's stage. */
function addUsagePlan(resource: RawResource, context: ExtractContext, api: RestApi, stageName: Attr<string>, auth: Value | undefined): void {
  const e = auth?.kind === 'map' ? auth.entries.find((candidate) => candidate.key === 'UsagePlan') : undefined
  const view = e && nested(resource, e.value)
  if (!e || !view) return
  const create = optionalString(view, 'CreateUsagePlan')?.value
  if (typeof create !== 'string' || create.toUpperCase() === 'NONE') return
  const plan: UsagePlan = {
    meta: partMeta(resource, 'Auth.UsagePlan', entryLoc(e)),
    stages: [{ loc: e.value.loc, api, apiRef: attr(resource.address, e.keyLoc, false), stage: stageName }],
    ...usagePlanLimits(resource, view),
  }
  context.model.apigateway.usagePlans.push(plan)
}

function addDomain(resource: RawResource, context: ExtractContext, fallbackPolicy: string): void {
  const e = resource.body.entries.find((candidate) => candidate.key === 'Domain')
  const view = e && nested(resource, e.value)
  if (!e || !view) return
  context.model.apigateway.domainNames.push({
    meta: partMeta(resource, 'Domain', entryLoc(e)),
    securityPolicy: optionalString(view, 'SecurityPolicy') ?? attr(fallbackPolicy, e.keyLoc, false),
  })
}

/** The stage SAM gives the API it generates for a template's events; both register per file (`file#address`), as that API is one per template. */
interface ImplicitApi {
  stageAddress: string
  stageName: Attr<string>
}

const implicitKey = (resource: RawResource, address: string) => `${resource.loc.file}#${address}`

/** AWS::Serverless::Api, or (with `implicit`) the API the transform generates from Globals.Api: API, stage, authorizers, usage plan, domain. */
function addServerlessApi(resource: RawResource, context: ExtractContext, implicit?: ImplicitApi): RestApi {
  const meta = metaOf(resource)
  const auth = field(resource.body, 'Auth')
  const api: RestApi = {
    meta,
    name: optionalString(resource, 'Name') ?? attr(resource.address, firstLine(resource.loc), false),
    endpointType: endpointTypeOf(resource),
    vpcEndpointIds: stringList(field(nested(resource, field(resource.body, 'EndpointConfiguration'))?.body, 'VPCEndpointIds')),
    cors: restCorsOf(resource),
  }
  const resourcePolicy = nested(resource, auth) && field(nested(resource, auth)!.body, 'ResourcePolicy')
  if (resourcePolicy) {
    // The transform writes the policy from these shortcuts; its statements are not modelled here, so it is never judged missing or open.
    api.policy = { kind: 'resource', owner: meta, service: 'apigateway', loc: resourcePolicy.loc, statements: [], unknown: new Unknown('SAM Auth.ResourcePolicy is expanded by the SAM transform') }
  }
  context.model.apigateway.restApis.push(api)
  context.register('restApi', implicit ? implicitKey(resource, resource.address) : resource.address, api)
  if (!resourcePolicy) linkResourcePolicy(context, api)
  const stageName = implicit?.stageName ?? optionalString(resource, 'StageName') ?? attr<string>(new Unknown('StageName is not set'), firstLine(resource.loc), false)
  const stage = addRestStage(context, implicit ? implicitKey(resource, implicit.stageAddress) : resource.address, {
    meta: implicit ? { ...meta, address: implicit.stageAddress } : meta,
    api,
    name: stageName,
    accessLogDestination: optionalString(resource, 'AccessLogSetting.DestinationArn'),
    xrayTracing: boolOr(resource, 'TracingEnabled', false),
    cacheClusterEnabled: boolOr(resource, 'CacheClusterEnabled', false),
  }, undefined)
  registerSettings(context, stage, items(field(resource.body, 'MethodSettings')).flatMap((value) => methodSettingsOf(resource, value, meta) ?? []))
  authDefaults.set(api, addAuthorizers(resource, context, auth, false))
  addUsagePlan(resource, context, api, stageName, auth)
  addDomain(resource, context, 'TLS_1_0')
  return api
}

const serverlessApi: Handler = (resource, context) => {
  addServerlessApi(resource, context)
}

function httpCorsOf(resource: RawResource): Cors | undefined {
  const value = field(resource.body, 'CorsConfiguration')
  // `CorsConfiguration: true` allows every origin, without credentials.
  if (value?.kind === 'bool' || value?.kind === 'string') {
    const on = toString(value).value === 'true'
    return on ? { loc: value.loc, allowOrigins: [attr('*', value.loc, false)], allowCredentials: attr(false, value.loc, false) } : undefined
  }
  return corsOf(resource, value)
}

/** AWS::Serverless::HttpApi, or (with `implicit`) the API the transform generates from Globals.HttpApi. */
function addServerlessHttpApi(resource: RawResource, context: ExtractContext, implicit?: ImplicitApi): HttpApi {
  const meta = metaOf(resource)
  const api: HttpApi = {
    meta,
    name: optionalString(resource, 'Name') ?? attr(resource.address, firstLine(resource.loc), false),
    protocol: attr('HTTP', firstLine(resource.loc), false),
    cors: httpCorsOf(resource),
  }
  context.model.apigateway.httpApis.push(api)
  context.register('httpApi', implicit ? implicitKey(resource, resource.address) : resource.address, api)
  context.model.apigateway.httpStages.push({
    meta: implicit ? { ...meta, address: implicit.stageAddress } : meta,
    api,
    name: implicit?.stageName ?? stringOr(resource, 'StageName', '$default'),
    accessLogDestination: optionalString(resource, 'AccessLogSettings.DestinationArn'),
    defaultRouteSettings: routeSettingsOf(resource, field(resource.body, 'DefaultRouteSettings')),
    routeSettings: routeSettingsMap(resource, field(resource.body, 'RouteSettings')),
  })
  authDefaults.set(api, addAuthorizers(resource, context, field(resource.body, 'Auth'), true))
  addDomain(resource, context, 'TLS_1_2')
  return api
}

const serverlessHttpApi: Handler = (resource, context) => {
  addServerlessHttpApi(resource, context)
}

/**
 * The API SAM generates for a function's events that name none: one per template, made by its first
 * event, configured by the template's Globals.Api / Globals.HttpApi (SAM's defaults without them).
 */
function implicitApiResource(resource: RawResource, section: 'Api' | 'HttpApi', address: string, loc: SourceRange): RawResource {
  const globals = field(resource.samGlobals, section)
  const body = globals?.kind === 'map' ? globals : { kind: 'map' as const, loc, entries: [] }
  return { ...resource, type: `AWS::Serverless::${section}`, address, loc, body, suppressions: [] }
}

function implicitRestApi(resource: RawResource, context: ExtractContext, loc: SourceRange): RestApi {
  const file = resource.loc.file
  const existing = context.all<RestApi>('restApi').find((api) => api.meta.address === 'ServerlessRestApi' && api.meta.loc.file === file)
  if (existing) return existing
  return addServerlessApi(implicitApiResource(resource, 'Api', 'ServerlessRestApi', loc), context, {
    stageAddress: 'ServerlessRestApiProdStage',
    stageName: attr('Prod', firstLine(loc), false),
  })
}

function implicitHttpApi(resource: RawResource, context: ExtractContext, loc: SourceRange): HttpApi {
  const file = resource.loc.file
  const existing = context.all<HttpApi>('httpApi').find((api) => api.meta.address === 'ServerlessHttpApi' && api.meta.loc.file === file)
  if (existing) return existing
  return addServerlessHttpApi(implicitApiResource(resource, 'HttpApi', 'ServerlessHttpApi', loc), context, {
    stageAddress: 'ServerlessHttpApiApiGatewayDefaultStage',
    stageName: attr('$default', firstLine(loc), false),
  })
}

/** `Auth.Authorizer` of an event, else the API's DefaultAuthorizer, as an authorization type. */
function authorizationOf(named: Attr<string> | undefined, defaults: AuthDefaults | undefined, fallbackLoc: SourceRange): Attr<string> {
  const chosen = named ?? defaults?.authorizer
  if (!chosen) return attr('NONE', firstLine(fallbackLoc), false)
  if (typeof chosen.value !== 'string') return chosen
  const name = chosen.value
  if (name === 'NONE' || name === 'AWS_IAM') return chosen
  return { ...chosen, value: defaults?.authorizationTypes.get(name) ?? 'CUSTOM' }
}

function addApiEvent(resource: RawResource, context: ExtractContext, e: MapEntry, properties: RawResource): void {
  const loc = entryLoc(e)
  const auth = nested(resource, field(properties.body, 'Auth'))
  const apiId = field(properties.body, 'RestApiId')
  const method: RestMethod = {
    meta: partMeta(resource, `Events.${e.key}`, loc),
    httpMethod: optionalString(properties, 'Method') ?? attr<string>(new Unknown('Method is not set'), firstLine(loc), false),
    path: optionalString(properties, 'Path'),
    authorizationType: attr('NONE', firstLine(loc), false),
    apiKeyRequired: attr(false, firstLine(loc), false),
  }
  context.model.apigateway.restMethods.push(method)
  if (apiId) linkRestApi(context, method, apiId)
  else method.api = implicitRestApi(resource, context, loc)
  // After the API is linked, so its Auth defaults are known.
  context.afterAll(() => context.afterAll(() => {
    const defaults = method.api && authDefaults.get(method.api)
    method.authorizationType = authorizationOf(auth && optionalString(auth, 'Authorizer'), defaults, loc)
    const keyRequired = auth && field(auth.body, 'ApiKeyRequired') ? boolOr(auth, 'ApiKeyRequired', false) : defaults?.apiKeyRequired
    if (keyRequired) method.apiKeyRequired = keyRequired
  }))
}

function addHttpApiEvent(resource: RawResource, context: ExtractContext, e: MapEntry, properties: RawResource): void {
  const loc = entryLoc(e)
  const auth = nested(resource, field(properties.body, 'Auth'))
  const apiId = field(properties.body, 'ApiId')
  const path = optionalString(properties, 'Path')
  const verb = optionalString(properties, 'Method')
  const routeKey: Attr<string> = path && verb
    ? (typeof path.value === 'string' && typeof verb.value === 'string' ? attr(`${verb.value.toUpperCase()} ${path.value}`, path.loc) : attr<string>(new Unknown('route is not literal'), path.loc))
    : attr('$default', firstLine(loc), false)
  const route: HttpRoute = { meta: partMeta(resource, `Events.${e.key}`, loc), routeKey, authorizationType: attr('NONE', firstLine(loc), false) }
  context.model.apigateway.httpRoutes.push(route)
  if (apiId) linkHttpApi(context, route, apiId)
  else route.api = implicitHttpApi(resource, context, loc)
  context.afterAll(() => context.afterAll(() => {
    route.authorizationType = authorizationOf(auth && optionalString(auth, 'Authorizer'), route.api && authDefaults.get(route.api), loc)
  }))
}

function addFunctionUrl(resource: RawResource, context: ExtractContext): void {
  const e = resource.body.entries.find((candidate) => candidate.key === 'FunctionUrlConfig')
  const view = e && nested(resource, e.value)
  if (!e || !view) return
  context.model.lambda.functionUrls.push({
    meta: { ...partMeta(resource, 'FunctionUrlConfig', entryLoc(e)), address: `${resource.address}Url` },
    authType: optionalString(view, 'AuthType') ?? attr<string>(new Unknown('AuthType is not set'), e.keyLoc, false),
    cors: corsOf(view, field(view.body, 'Cors')),
  })
}

const serverlessFunction: Handler = (resource, context) => {
  for (const e of mapEntries(field(resource.body, 'Events'))) {
    const event = nested(resource, e.value)
    const type = event && optionalString(event, 'Type')?.value
    const properties = event && (nested(resource, field(event.body, 'Properties')) ?? { ...resource, body: { kind: 'map' as const, loc: e.value.loc, entries: [] } })
    if (!properties) continue
    if (type === 'Api') addApiEvent(resource, context, e, properties)
    if (type === 'HttpApi') addHttpApiEvent(resource, context, e, properties)
  }
  addFunctionUrl(resource, context)
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::Serverless::Api': serverlessApi,
  'AWS::Serverless::HttpApi': serverlessHttpApi,
  'AWS::Serverless::Function': serverlessFunction,
})
