import type { SecurityGroup, SecurityGroupRule, VpcEndpoint } from '../model/aws.js'
import { attr, firstLine, type SourceRange } from '../model/source.js'
import type { Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { stringList, toNumber, toString } from './values.js'

/** The parts of one ingress rule, read under each framework's own names. */
export interface IngressParts {
  ipv4: Value | undefined
  ipv6: Value | undefined
  fromPort: Value | undefined
  toPort: Value | undefined
  protocol: Value | undefined
}

/** An ingress rule written at `loc`; without a protocol it is `-1` (every protocol), defaulted at the first line of `defaultAt`. */
export function ingressRule(loc: SourceRange, parts: IngressParts, defaultAt: SourceRange = loc): SecurityGroupRule {
  return {
    loc,
    cidrBlocks: stringList(parts.ipv4),
    ipv6CidrBlocks: stringList(parts.ipv6),
    ...(parts.fromPort ? { fromPort: toNumber(parts.fromPort) } : {}),
    ...(parts.toPort ? { toPort: toNumber(parts.toPort) } : {}),
    protocol: parts.protocol ? toString(parts.protocol) : attr('-1', firstLine(defaultAt), false),
  }
}

/** Attaches the security group `id` names (by reference or literal ID) to an endpoint, once. */
export function attachSecurityGroup(context: ExtractContext, endpoint: VpcEndpoint, id: Value | undefined): void {
  const group = context.lookup<SecurityGroup>('securityGroup', id)
  if (group && !endpoint.securityGroups.includes(group)) endpoint.securityGroups.push(group)
}
