import type { PolicyDocument, Statement } from '../model/policy.js'
import type { SourceRange } from '../model/source.js'
import { expandAction, isAllActions } from './actions.js'
import { catalog, type CatalogAction } from './catalog/catalog.js'
import { effectOf, isAllResources, isConditional, knownValues, matchAction, resourceScope, scopeCovers, type ResourceScope } from './statement.js'

/*
 * What a set of policy documents allows, evaluated the way AWS does, per action: an Allow grants,
 * an unconditional Deny covering the same resources takes it away, a permissions boundary and SCPs
 * must also allow it. Queried per action, so `*` never has to be expanded to ask about one action.
 */

/** One Allow statement granting one action. */
export interface Grant {
  document: PolicyDocument
  statement: Statement
  /** The Action entry that grants it, or the NotAction element's first entry. */
  element: { loc: SourceRange }
  /** The Action entry's text, absent for NotAction. */
  pattern?: string
  resources: ResourceScope
  conditional: boolean
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
  grantsFor(actionKey: string): Grant[]
  allows(actionKey: string): boolean
  /** Every catalog action granted, with its grants (expands wildcards and NotAction against the catalog). */
  allowedActions(): Map<string, { action: CatalogAction; grants: Grant[] }>
  /** An unconditional Allow of `*` on `*`: an administrator, whatever a Deny may carve out. */
  adminStatement(): { document: PolicyDocument; statement: Statement } | undefined
}

function statementsOf(documents: PolicyDocument[], effect: 'Allow' | 'Deny'): { document: PolicyDocument; statement: Statement }[] {
  return documents.flatMap((document) => document.statements.filter((s) => effectOf(s) === effect).map((statement) => ({ document, statement })))
}

/** A Deny removes a grant when it surely matches the action, has no condition and covers the grant's resources. */
function deniedBy(denies: { statement: Statement }[], actionKey: string, resources: ResourceScope): boolean {
  return denies.some(({ statement }) => {
    if (isConditional(statement)) return false
    const match = matchAction(statement, actionKey)
    return match !== undefined && match !== 'unknown' && scopeCovers(resourceScope(statement), resources)
  })
}

export function createPermissions(documents: PolicyDocument[], limits: Limits = {}): Permissions {
  const allows = statementsOf(documents, 'Allow')
  const denies = [...statementsOf(documents, 'Deny'), ...statementsOf(limits.scps ?? [], 'Deny')]
  const boundary = limits.boundary && limits.boundary.length > 0 ? createPermissions(limits.boundary) : undefined
  const cache = new Map<string, Grant[]>()

  const grantsFor = (actionKey: string): Grant[] => {
    const key = actionKey.toLowerCase()
    const cached = cache.get(key)
    if (cached) return cached
    const grants: Grant[] = []
    if (!boundary || boundary.allows(actionKey)) {
      for (const { document, statement } of allows) {
        const match = matchAction(statement, actionKey)
        if (match === undefined || match === 'unknown') continue
        const resources = resourceScope(statement)
        if (deniedBy(denies, actionKey, resources)) continue
        grants.push({ document, statement, element: match.element, pattern: match.pattern, resources, conditional: isConditional(statement) })
      }
    }
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
