import { dirname } from 'node:path'
import type { ApiKey, HttpApi, HttpRoute, ResourcePolicy, RestApi, RestStage, UsagePlan } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'
import { Unknown, attr, firstLine, isUnknown, type Attr } from '../model/source.js'
import type { Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'

/*
 * Framework-neutral pieces of the API Gateway extractors: the joins between stages, APIs, method
 * settings, usage plans, keys and resource policies, which Terraform and CloudFormation resolve the same way.
 */

/** The first element of a list-valued attribute (`types = ["REGIONAL"]`), or the value itself. */
export function firstItem(value: Value | undefined): Value | undefined {
  return value?.kind === 'list' ? value.items[0] : value
}

/** Several strings (identity sources) as one comma-separated attribute, unknown when any part is. */
export function joinedStrings(value: Value | undefined): Attr<string> | undefined {
  if (!value || value.kind === 'null') return undefined
  const parts = value.kind === 'list' ? value.items : [value]
  if (parts.length === 0) return undefined
  if (parts.some((part) => part.kind !== 'string')) return attr<string>(new Unknown('identity source is not a literal'), value.loc)
  return attr(parts.map((part) => (part.kind === 'string' ? part.value : '')).join(','), value.loc)
}

export function linkRestApi(context: ExtractContext, object: { api?: RestApi }, apiId: Value | undefined): void {
  context.afterAll(() => {
    object.api = context.lookup<RestApi>('restApi', apiId)
  })
}

export function linkHttpApi(context: ExtractContext, object: { api?: HttpApi }, apiId: Value | undefined): void {
  context.afterAll(() => {
    object.api = context.lookup<HttpApi>('httpApi', apiId)
  })
}

/** A new REST stage: no WAF association until one in the code says otherwise. Without `apiId` the caller sets `api` itself. */
export function addRestStage(context: ExtractContext, address: string, stage: Omit<RestStage, 'methodSettings' | 'methodSettingsComplete' | 'webAclAssociated'>, apiId: Value | undefined): RestStage {
  const full: RestStage = { ...stage, methodSettings: [], methodSettingsComplete: true, webAclAssociated: attr(false, firstLine(stage.meta.loc), false) }
  context.model.apigateway.restStages.push(full)
  context.register('restStage', address, full)
  if (apiId) linkRestApi(context, full, apiId)
  return full
}

/**
 * Method settings written apart from their stage (aws_api_gateway_method_settings): tied to the stage by
 * reference, or by API and stage name. When the stage cannot be told, every stage it could be loses
 * `methodSettingsComplete`, so rules about missing settings stay silent there.
 */
export function attachMethodSettings(context: ExtractContext, settings: RestStage['methodSettings'][number], apiId: Value | undefined, stageName: Value | undefined): void {
  context.model.apigateway.methodSettings.push(settings)
  // Two rounds: stages must know their API before settings are matched by API and name.
  context.afterAll(() => context.afterAll(() => {
    const api = context.lookup<RestApi>('restApi', apiId)
    const named = stageName?.kind === 'string' ? stageName.value : undefined
    const byReference = context.lookup<RestStage>('restStage', stageName)
    const byName = api && named !== undefined ? context.all<RestStage>('restStage').filter((s) => s.api === api && s.name.value === named) : []
    const stage = byReference ?? (byName.length === 1 ? byName[0] : undefined)
    if (stage) {
      settings.stage = stage
      stage.methodSettings.push(settings)
      return
    }
    if (api && named !== undefined) return // a stage of this API that is not in the code
    for (const candidate of context.all<RestStage>('restStage')) {
      const apiMatches = !api || candidate.api === api
      const nameMatches = named === undefined || candidate.name.value === named || isUnknown(candidate.name.value)
      if (apiMatches && nameMatches) candidate.methodSettingsComplete = false
    }
  }))
}

/** A usage plan's `api_stages` entries learn their API once every API is read. */
export function linkUsagePlan(context: ExtractContext, plan: UsagePlan, apiIds: (Value | undefined)[]): void {
  context.model.apigateway.usagePlans.push(plan)
  context.afterAll(() => {
    plan.stages.forEach((stage, i) => {
      stage.api = context.lookup<RestApi>('restApi', apiIds[i])
    })
  })
}

/** aws_api_gateway_usage_plan_key / AWS::ApiGateway::UsagePlanKey: binds a key to a plan. */
export function bindApiKey(context: ExtractContext, keyId: Value | undefined, usagePlanId: Value | undefined): void {
  context.afterAll(() => {
    const key = context.lookup<ApiKey>('apiKey', keyId)
    if (!key) return
    const plan = context.lookup<UsagePlan>('usagePlan', usagePlanId)
    if (plan) key.usagePlans.push(plan)
    else key.unresolvedUsagePlans++
  })
}

/**
 * The API's resource policy, read by the identity extract into `resourcePolicies` (service `apigateway`):
 * written on the API itself, or on a separate resource whose target refers to the API. Runs in a second
 * round so policies created by other extractors' joins are there too.
 */
export function linkResourcePolicy(context: ExtractContext, api: RestApi): void {
  context.afterAll(() => context.afterAll(() => {
    const sameModule = (file: string) => dirname(file) === dirname(api.meta.loc.file)
    const policy = context.model.resourcePolicies.find((candidate) =>
      candidate.service === 'apigateway' && sameModule(candidate.meta.loc.file) && targetsApi(candidate, api))
    if (policy) api.policy = policy.document
  }))
}

function targetsApi(policy: ResourcePolicy, api: RestApi): boolean {
  const ref = policy.targetRef ?? (isUnknown(policy.target.value) ? policy.target.value.ref : undefined)
  if (ref !== undefined) return ref === api.meta.address || ref.startsWith(`${api.meta.address}.`)
  return policy.target.value === api.name.value
}

/** A REST resource (one path segment) and its parent, registered as `restResource` to build method paths. */
export interface RestResource {
  pathPart?: Value
  parentId?: Value
}

/** `/users/{id}` from the chain of parents; undefined when a link in it is not in the code. */
export function resourcePath(context: ExtractContext, resourceId: Value | undefined, depth = 0): string | undefined {
  if (!resourceId || depth > 50) return undefined
  const node = context.lookup<RestResource>('restResource', resourceId)
  if (!node) return /root_?resource_?id$/i.test(resourceId.ref ?? '') ? '/' : undefined
  const parent = resourcePath(context, node.parentId, depth + 1)
  if (parent === undefined || node.pathPart?.kind !== 'string') return undefined
  return `${parent === '/' ? '' : parent}/${node.pathPart.value}`
}

/** Quick create (`target`): AWS adds a catch-all route without authorization and a `$default` stage without access logs. */
export function addQuickCreate(context: ExtractContext, api: HttpApi, meta: ResourceMeta, routeKey: HttpRoute['routeKey'], target: Value): void {
  context.model.apigateway.httpRoutes.push({ meta, api, routeKey, authorizationType: attr('NONE', target.loc, false) })
  context.model.apigateway.httpStages.push({ meta, api, name: attr('$default', target.loc, false), routeSettings: [] })
}

