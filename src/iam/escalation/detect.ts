import type { Grant, Permissions } from '../permissions.js'
import { isWildcardScope, reachesOtherUsers } from '../statement.js'
import { ESCALATION_METHODS, type EscalationMethod } from './methods.js'

/** An escalation method a set of permissions allows, with the grant found for each required action. */
export interface EscalationPath {
  method: EscalationMethod
  /** One entry per requirement: the action that satisfies it and the grants of that action. */
  steps: { action: string; grants: Grant[] }[]
}

function usableGrants(method: EscalationMethod, grants: Grant[]): Grant[] {
  return grants.filter((g) => (!method.needsWildcardResource || isWildcardScope(g.resources)) && (!method.targetsOthers || reachesOtherUsers(g.resources)))
}

export function escalationPaths(permissions: Permissions, methods: EscalationMethod[] = ESCALATION_METHODS): EscalationPath[] {
  const paths: EscalationPath[] = []
  for (const method of methods) {
    const steps: EscalationPath['steps'] = []
    for (const alternatives of method.requires) {
      const found = alternatives.map((action) => ({ action, grants: usableGrants(method, permissions.grantsFor(action)) })).find((s) => s.grants.length > 0)
      if (!found) break
      steps.push(found)
    }
    if (steps.length === method.requires.length) paths.push({ method, steps })
  }
  return paths
}
