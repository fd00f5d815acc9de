import type { RestApi } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { isKnown, type Attr } from '../../model/source.js'

/*
 * Small facts shared by the API Gateway and Lambda rules. Unknown values answer "not proven",
 * so a rule built on these never reports a guess.
 */

/** The value upper-cased, or undefined when the source does not determine it. */
export function upper(value: Attr<string> | undefined): string | undefined {
  return value && isKnown(value) ? value.value.toUpperCase() : undefined
}

/** The value for a message: the literal, or `?` when unknown. */
export function shownValue(value: Attr<string> | undefined): string {
  return value && isKnown(value) ? value.value : '?'
}

/** A name for a message: the literal, or the resource's address when the source does not determine it (a module's variable). */
export function named(value: Attr<string> | undefined, owner: ResourceMeta): string {
  return value && isKnown(value) ? value.value : owner.address
}

/** EDGE or REGIONAL: reachable from the internet. Unknown endpoint types and unresolved APIs are not proven public. */
export function isPublicApi(api: RestApi | undefined): api is RestApi {
  const type = upper(api?.endpointType)
  return type === 'EDGE' || type === 'REGIONAL'
}

/** A throttle limit that limits: set, and not Terraform's `-1` ("not set"). Unknown counts as set. */
export function limits(limit: Attr<number> | undefined): boolean {
  return limit !== undefined && !(isKnown(limit) && limit.value < 0)
}
