import type { VpcEndpoint } from '../../model/aws.js'

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
