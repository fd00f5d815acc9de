import { isAllActions, isAllow, isAllResources, isPublicPrincipal, knownValues } from '../../iam/index.js'
import type { VpcEndpoint } from '../../model/aws.js'
import type { Statement } from '../../model/policy.js'

/*
 * Facts about endpoint types shared by the vpce rules. Type names are compared ignoring case:
 * the API says `Interface`, templates sometimes write `interface`.
 */

export function isInterface(endpoint: VpcEndpoint): boolean {
  return typeof endpoint.endpointType.value === 'string' && endpoint.endpointType.value.toLowerCase() === 'interface'
}

/** Only gateway and interface endpoints take a policy (Gateway Load Balancer endpoints do not). */
export function takesPolicy(endpoint: VpcEndpoint): boolean {
  return typeof endpoint.endpointType.value === 'string' && ['interface', 'gateway'].includes(endpoint.endpointType.value.toLowerCase())
}

/** Allow of every action on every resource to anyone, with no condition: the default endpoint policy written out. */
export function grantsEverything(statement: Statement): boolean {
  const anyone = (statement.principals ?? []).some(isPublicPrincipal)
  const everyAction = knownValues(statement.actions).some(isAllActions)
  const everyResource = knownValues(statement.resources).some(isAllResources)
  return isAllow(statement) && anyone && everyAction && everyResource && statement.conditions.length === 0
}

/** No policy (the default allows everything) or a statement that writes the default out: vpce/policy-full-access owns these. */
export function allowsFullAccess(endpoint: VpcEndpoint): boolean {
  return !endpoint.policy || endpoint.policy.statements.some(grantsEverything)
}
