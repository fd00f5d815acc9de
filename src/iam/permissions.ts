import type { PolicyDocument, Statement } from '../model/policy.js'
import type { SourceRange } from '../model/source.js'
import { expandAction, isAllActions } from './actions.js'
import { actionAppliesToResource } from './arn.js'
import { catalog, type CatalogAction } from './catalog/catalog.js'
import { allowCanApply, ANY_REQUEST, conditionsTruth, denySurelyApplies, type RequestContext, type Truth } from './condition-truth.js'
import { effectOf, isAllResources, isConditional, knownValues, matchAction, resourceScope, scopeCovers, type ResourceScope } from './statement.js'

/*
 * What a set of policy documents allows, evaluated the way AWS does, per action: an Allow grants,
 * a Deny whose conditions surely hold covering the same resources takes it away, a permissions
 * boundary and SCPs must also allow it. An Allow grants an action only on resources of a type the
 * action acts on (an action without resource types only on `*`), and only when its conditions can
 * hold in the request context. Queried per action, so `*` never has to be expanded to ask about one action.
 */

/** One Allow statement granting one action. */
export interface Grant {
  document: PolicyDocument
  statement: Statement
  /** The Action entry that grants it, or the NotAction element's first entry. */
  element: { loc: SourceRange }
  /** The Action entry's text, absent for NotAction. */
  pattern?: string
  /** The statement's resources the action can act on (Resource entries of other types left out). */
  resources: ResourceScope
  conditional: boolean
  /** The statement's conditions in the request context asked about. */
  conditions: Truth
}

export interface Limits {
  /** The principal's permissions boundary, when it is known; absent means no boundary (or an unknown one: never guessed). */
  boundary?: PolicyDocument[]
  /** SCPs in the model: their Deny statements narrow every principal. */
  scps?: PolicyDocument[]
}

export interface Permissions {
  documents: PolicyDocument[]
  /** The Allow statements that grant this action and survive Deny, boundary and SCPs. */
  /** In `context` (default: nothing known of the request), the Allow statements that grant this action and survive Deny, boundary and SCPs. */
  grantsFor(actionKey: string, context?: RequestContext): Grant[]
  allows(actionKey: string): boolean
  /** Every catalog action granted, with its grants (expands wildcards and NotAction against the catalog). */
  allowedActions(): Map<string, { action: CatalogAction; grants: Grant[] }>
  /** An unconditional Allow of `*` on `*`: an administrator, whatever a Deny may carve out. */
  adminStatement(): { document: PolicyDocument; statement: Statement } | undefined
}

function statementsOf(documents: PolicyDocument[], effect: 'Allow' | 'Deny'): { document: PolicyDocument; statement: Statement }[] {
  return documents.flatMap((document) => document.statements.filter((s) => effectOf(s) === effect).map((statement) => ({ document, statement })))
}

/** A Deny removes a grant when it surely matches the action, its conditions surely hold in the context and it covers the grant's resources. */
function deniedBy(denies: { statement: Statement }[], actionKey: string, resources: ResourceScope, context: RequestContext): boolean {
  return denies.some(({ statement }) => {
    if (!denySurelyApplies(conditionsTruth(statement, context))) return false
    const match = matchAction(statement, actionKey)
    return match !== undefined && match !== 'unknown' && scopeCovers(resourceScope(statement), resources)
  })
}

/**
 * The part of a Resource element an action can act on: known entries that can name one of its
 * resource types (`*` always). Undefined when none can, and nothing unknown might: the statement does
 * not grant the action. An action missing from the catalog keeps the whole scope.
 */
function applicableScope(scope: ResourceScope, action: CatalogAction | undefined): ResourceScope | undefined {
  if (!action || scope.except !== undefined) return scope
  const patterns = scope.patterns.filter((pattern) => actionAppliesToResource(action, pattern))
  if (patterns.length === 0 && !scope.unknown) return undefined
  return { ...scope, patterns }
}

export function createPermissions(documents: PolicyDocument[], limits: Limits = {}): Permissions {
  const allows = statementsOf(documents, 'Allow')
  const denies = [...statementsOf(documents, 'Deny'), ...statementsOf(limits.scps ?? [], 'Deny')]
  const boundary = limits.boundary && limits.boundary.length > 0 ? createPermissions(limits.boundary) : undefined
  // Per request context (callers reuse context objects: escalation asks one per method), then per action.
  const caches = new WeakMap<RequestContext, Map<string, Grant[]>>()

  const compute = (actionKey: string, context: RequestContext): Grant[] => {
    const grants: Grant[] = []
    if (boundary && boundary.grantsFor(actionKey, context).length === 0) return grants
    const action = catalog().action(actionKey)
    for (const { document, statement } of allows) {
      const match = matchAction(statement, actionKey)
      if (match === undefined || match === 'unknown') continue
      const conditions = conditionsTruth(statement, context)
      // Unknown conditions might hold: the grant counts, as it always has; only a condition proven false removes it.
      if (!allowCanApply(conditions, true)) continue
      const resources = applicableScope(resourceScope(statement), action)
      if (!resources || deniedBy(denies, actionKey, resources, context)) continue
      grants.push({ document, statement, element: match.element, pattern: match.pattern, resources, conditional: isConditional(statement), conditions })
    }
    return grants
  }

  const grantsFor = (actionKey: string, context: RequestContext = ANY_REQUEST): Grant[] => {
    let cache = caches.get(context)
    if (!cache) caches.set(context, (cache = new Map()))
    const key = actionKey.toLowerCase()
    const cached = cache.get(key)
    if (cached) return cached
    const grants = compute(actionKey, context)
    cache.set(key, grants)
    return grants
  }

  const candidateActions = (): CatalogAction[] => {
    const byKey = new Map<string, CatalogAction>()
    for (const { statement } of allows) {
      const expanded = statement.notActions
        ? catalog().servicePrefixes().flatMap((s) => catalog().actionsOf(s))
        : knownValues(statement.actions).flatMap((pattern) => expandAction(pattern).actions)
      for (const action of expanded) byKey.set(action.key.toLowerCase(), action)
    }
    return [...byKey.values()]
  }

  return {
    documents,
    grantsFor,
    allows: (actionKey) => grantsFor(actionKey).length > 0,
    allowedActions() {
      const allowed = new Map<string, { action: CatalogAction; grants: Grant[] }>()
      for (const action of candidateActions()) {
        const grants = grantsFor(action.key)
        if (grants.length > 0) allowed.set(action.key, { action, grants })
      }
      return allowed
    },
    adminStatement() {
      return allows.find(({ statement }) => {
        const scope = resourceScope(statement)
        return !isConditional(statement) && knownValues(statement.actions).some(isAllActions) && scope.patterns.some(isAllResources)
      })
    },
  }
}
