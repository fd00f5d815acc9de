import { arnPatternsIntersect, coversEveryResource } from '../arn.js'
import { catalog } from '../catalog/catalog.js'
import { contextOf, type KeyKnowledge, type RequestContext } from '../condition-truth.js'
import type { Grant, Permissions } from '../permissions.js'
import { isWildcardScope, reachesOtherUsers } from '../statement.js'
import { ESCALATION_METHODS, type EscalationMethod } from './methods.js'

/**
 * How far a method reaches: 'any' when its target step is granted on every resource of the kind
 * (any role to pass, any function to rewrite) with nothing in its conditions left to doubt; 'named'
 * when only named or patterned ones, which may or may not be more privileged.
 */
export type Reach = 'any' | 'named'

/** An escalation method a set of permissions allows, with the grant found for each required action. */
export interface EscalationPath {
  method: EscalationMethod
  /** One entry per requirement: the action that satisfies it and the grants of that action. */
  steps: { action: string; grants: Grant[] }[]
  reach: Reach
}

/** Escalation acts on resources of the principal's own account: a condition keeping it there (`aws:ResourceAccount` = `${aws:PrincipalAccount}`) narrows nothing. */
const WITHIN_ACCOUNT: Record<string, KeyKnowledge> = { 'aws:ResourceAccount': { kind: 'own-account' } }

const ACTION_CONTEXT = contextOf(WITHIN_ACCOUNT)
// One context object per service a role is passed to: permissions cache their answers per context.
const passRoleContexts = new Map<string, RequestContext>()

/** The request a step makes; for iam:PassRole the role goes to the method's service and resource. */
function stepContext(method: EscalationMethod, action: string): RequestContext {
  if (action.toLowerCase() !== 'iam:passrole' || !method.passedTo) return ACTION_CONTEXT
  const key = `${method.passedTo} ${method.associatedWith ?? ''}`
  let context = passRoleContexts.get(key)
  if (!context) {
    const known: Record<string, KeyKnowledge> = { ...WITHIN_ACCOUNT, 'iam:PassedToService': { kind: 'pattern', pattern: method.passedTo } }
    if (method.associatedWith) known['iam:AssociatedResourceARN'] = { kind: 'pattern', pattern: method.associatedWith }
    passRoleContexts.set(key, (context = contextOf(known)))
  }
  return context
}

function usableGrants(method: EscalationMethod, grants: Grant[]): Grant[] {
  return grants.filter((g) => (!method.needsWildcardResource || isWildcardScope(g.resources)) && (!method.targetsOthers || reachesOtherUsers(g.resources)))
}

/** Every resource the method needs is granted: some grant's resources can name one of its alternatives. */
function reachesNeededResources(method: EscalationMethod, grants: Grant[]): boolean {
  return (method.needsResources ?? []).every((alternatives) =>
    grants.some((g) => g.resources.except !== undefined || g.resources.unknown || g.resources.patterns.some((p) => alternatives.some((needed) => arnPatternsIntersect(p, needed)))),
  )
}

function grantReachesAny(action: string, grant: Grant): boolean {
  if (grant.conditions !== 'holds') return false
  if (grant.resources.except !== undefined) return true
  const details = catalog().action(action)
  return grant.resources.patterns.some((pattern) => (details ? coversEveryResource(details, pattern) : pattern.trim() === '*'))
}

/**
 * The grant that opens the method widest first (every target, nothing left to doubt; then any
 * unconditional one): findings point at it, so narrowing another statement never moves them.
 */
function broadestFirst(action: string, grants: Grant[]): Grant[] {
  const rank = (grant: Grant) => (grantReachesAny(action, grant) ? 0 : grant.conditions === 'holds' ? 1 : 2)
  return [...grants].sort((a, b) => rank(a) - rank(b))
}

function reachOf(target: EscalationPath['steps'][number]): Reach {
  return target.grants.some((grant) => grantReachesAny(target.action, grant)) ? 'any' : 'named'
}

export function escalationPaths(permissions: Permissions, methods: EscalationMethod[] = ESCALATION_METHODS): EscalationPath[] {
  const paths: EscalationPath[] = []
  for (const method of methods) {
    const steps: EscalationPath['steps'] = []
    for (const alternatives of method.requires) {
      const found = alternatives
        .map((action) => ({ action, grants: broadestFirst(action, usableGrants(method, permissions.grantsFor(action, stepContext(method, action)))) }))
        .find((s) => s.grants.length > 0)
      if (!found) break
      steps.push(found)
    }
    if (steps.length < method.requires.length) continue
    const targetAction = (method.target ?? method.requires[0]![0]!).toLowerCase()
    const target = steps.find((step) => step.action.toLowerCase() === targetAction) ?? steps[0]!
    if (reachesNeededResources(method, target.grants)) paths.push({ method, steps, reach: reachOf(target) })
  }
  return paths
}
