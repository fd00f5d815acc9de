import type { SecurityGroup, SecurityGroupRule, Vpc, VpcEndpoint } from '../../model/aws.js'
import type { SourceRange } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import type { Value } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readPolicyDocument } from '../policy-document.js'
import { attachSecurityGroup, ingressRule } from '../security-groups.js'
import { boolOr, items, knownValue, metaOf, optionalString, path, stringList, stringOr } from '../values.js'

const vpc: Handler = (resource, context) => {
  const model: Vpc = { meta: metaOf(resource), cidr: optionalString(resource, 'cidr_block'), endpoints: [] }
  context.model.ec2.vpcs.push(model)
  context.register('vpc', resource.address, model)
}

const vpcEndpoint: Handler = (resource, context) => {
  const meta = metaOf(resource)
  const model: VpcEndpoint = {
    meta,
    serviceName: stringOr(resource, 'service_name', ''),
    endpointType: stringOr(resource, 'vpc_endpoint_type', 'Gateway'),
    policy: readPolicyDocument(path(resource.body, 'policy'), 'endpoint', meta, context),
    privateDnsEnabled: boolOr(resource, 'private_dns_enabled', false),
    vpcId: stringOr(resource, 'vpc_id', ''),
    securityGroupIds: stringList(path(resource.body, 'security_group_ids')),
    securityGroups: [],
  }
  context.model.ec2.vpcEndpoints.push(model)
  context.register('vpcEndpoint', resource.address, model)
  context.afterAll(() => {
    context.lookup<Vpc>('vpc', path(resource.body, 'vpc_id'))?.endpoints.push(model)
    for (const id of items(path(resource.body, 'security_group_ids'))) attachSecurityGroup(context, model, id)
  })
}

/** aws_vpc_endpoint_policy: the endpoint's policy as a separate resource. */
const endpointPolicy: Handler = (resource, context) => {
  context.afterAll(() => {
    const endpoint = context.lookup<VpcEndpoint>('vpcEndpoint', path(resource.body, 'vpc_endpoint_id'))
    if (endpoint) endpoint.policy = readPolicyDocument(path(resource.body, 'policy'), 'endpoint', metaOf(resource), context)
  })
}

const endpointGroupAssociation: Handler = (resource, context) => {
  context.afterAll(() => {
    const endpoint = context.lookup<VpcEndpoint>('vpcEndpoint', path(resource.body, 'vpc_endpoint_id'))
    if (endpoint) attachSecurityGroup(context, endpoint, path(resource.body, 'security_group_id'))
  })
}

const securityGroup: Handler = (resource, context) => {
  const model: SecurityGroup = { meta: metaOf(resource), ingress: items(path(resource.body, 'ingress')).map((block) => ruleOf(block, block.loc)) }
  context.model.ec2.securityGroups.push(model)
  context.register('securityGroup', resource.address, model, [knownValue(optionalString(resource, 'name'))])
}

/** An `ingress { … }` block (or an element of an `ingress = [...]` list), or the body of an aws_security_group_rule, written at `loc`. */
function ruleOf(properties: Value, loc: SourceRange): SecurityGroupRule {
  return ingressRule(loc, {
    ipv4: path(properties, 'cidr_blocks'),
    ipv6: path(properties, 'ipv6_cidr_blocks'),
    fromPort: path(properties, 'from_port'),
    toPort: path(properties, 'to_port'),
    protocol: path(properties, 'protocol'),
  }, properties.loc)
}

/** aws_security_group_rule with type = "ingress". */
const groupRule: Handler = (resource, context) => {
  const type = path(resource.body, 'type')
  if (type?.kind === 'string' && type.value !== 'ingress') return
  addToGroup(resource, context, ruleOf(resource.body, resource.loc))
}

/** aws_vpc_security_group_ingress_rule: one CIDR per rule. */
const standaloneIngressRule: Handler = (resource, context) => {
  const rule = ingressRule(resource.loc, {
    ipv4: path(resource.body, 'cidr_ipv4'),
    ipv6: path(resource.body, 'cidr_ipv6'),
    fromPort: path(resource.body, 'from_port'),
    toPort: path(resource.body, 'to_port'),
    protocol: path(resource.body, 'ip_protocol'),
  }, resource.body.loc)
  addToGroup(resource, context, rule)
}

function addToGroup(resource: RawResource, context: ExtractContext, rule: SecurityGroupRule): void {
  context.afterAll(() => context.lookup<SecurityGroup>('securityGroup', path(resource.body, 'security_group_id'))?.ingress.push(rule))
}

export const handlers: Record<string, Handler> = {
  aws_vpc: vpc,
  aws_vpc_endpoint: vpcEndpoint,
  aws_vpc_endpoint_policy: endpointPolicy,
  aws_vpc_endpoint_security_group_association: endpointGroupAssociation,
  aws_security_group: securityGroup,
  aws_security_group_rule: groupRule,
  aws_vpc_security_group_ingress_rule: standaloneIngressRule,
}
