import { catalog, type AccessLevel, type CatalogAction } from './catalog/catalog.js'
import { globMatches, hasWildcard } from './glob.js'

/*
 * Action patterns (`s3:Get*`, `*`, `iam:PassRole`) against the catalog, case-insensitive as AWS
 * matches them.
 */

export interface ActionExpansion {
  /** The catalog actions the pattern matches. */
  actions: CatalogAction[]
  /** Why it matches nothing, when it does not: a service prefix that does not exist, or no action of the service matches. */
  problem?: 'malformed' | 'unknown-service' | 'no-match'
}

/** `*` or `*:*`: every action of every service. */
export function isAllActions(pattern: string): boolean {
  const trimmed = pattern.trim()
  return trimmed === '*' || trimmed === '*:*'
}

/** `*`, `*:*`, or a pattern that matches every action of its service (`s3:*`, `SQS:*`), judged against the catalog. */
export function isWholeServiceOrAll(pattern: string): boolean {
  if (isAllActions(pattern)) return true
  const service = serviceOfPattern(pattern)
  if (!service || !catalog().serviceExists(service)) return false
  const all = catalog().actionsOf(service).length
  return all > 0 && expandAction(pattern).actions.length === all
}

export function actionMatches(pattern: string, actionKey: string): boolean {
  return isAllActions(pattern) || globMatches(pattern.trim(), actionKey)
}

/** The services a pattern's service part can name (one, or several when the prefix has a wildcard). */
function servicesOf(servicePattern: string): string[] {
  const lower = servicePattern.toLowerCase()
  if (!hasWildcard(lower)) return catalog().serviceExists(lower) ? [lower] : []
  return catalog().servicePrefixes().filter((service) => globMatches(lower, service))
}

const expansionCache = new Map<string, ActionExpansion>()

export function expandAction(pattern: string): ActionExpansion {
  const trimmed = pattern.trim()
  const cached = expansionCache.get(trimmed.toLowerCase())
  if (cached) return cached
  const expansion = computeExpansion(trimmed)
  expansionCache.set(trimmed.toLowerCase(), expansion)
  return expansion
}

function computeExpansion(pattern: string): ActionExpansion {
  if (isAllActions(pattern)) return { actions: catalog().servicePrefixes().flatMap((s) => catalog().actionsOf(s)) }
  const colon = pattern.indexOf(':')
  if (colon <= 0 || colon === pattern.length - 1 || pattern.indexOf(':', colon + 1) >= 0) return { actions: [], problem: 'malformed' }
  const services = servicesOf(pattern.slice(0, colon))
  if (services.length === 0) return { actions: [], problem: 'unknown-service' }
  const namePattern = pattern.slice(colon + 1)
  const actions = services.flatMap((service) => {
    if (!hasWildcard(namePattern)) {
      const action = catalog().action(`${service}:${namePattern}`)
      return action ? [action] : []
    }
    return catalog().actionsOf(service).filter((action) => globMatches(namePattern, action.name))
  })
  return actions.length > 0 ? { actions } : { actions, problem: 'no-match' }
}

export function hasAccessLevel(action: CatalogAction, levels: readonly AccessLevel[]): boolean {
  return action.accessLevels.some((level) => levels.includes(level))
}

/** Write, Permissions management and Tagging: the levels that change something. */
export const MUTATING_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management', 'Tagging']

/** The service part of a pattern, lower-case (`iam` for `IAM:Pass*`), or undefined for `*`. */
export function serviceOfPattern(pattern: string): string | undefined {
  const colon = pattern.indexOf(':')
  return colon > 0 ? pattern.slice(0, colon).toLowerCase() : undefined
}
