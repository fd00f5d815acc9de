import type { SecurityGroup, SecurityGroupRule, Vpc, VpcEndpoint } from '../../model/aws.js'
import type { Value } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { readPolicyDocument } from '../policy-document.js'
import { attachSecurityGroup, ingressRule } from '../security-groups.js'
import { boolOr, items, knownValue, metaOf, optionalString, path, stringList, stringOr } from '../values.js'

const vpc: Handler = (resource, context) => {
  const model: Vpc = { meta: metaOf(resource), cidr: optionalString(resource, 'CidrBlock'), endpoints: [] }
  context.model.ec2.vpcs.push(model)
  context.register('vpc', resource.address, model)
}

const vpcEndpoint: Handler = (resource, context) => {
  const meta = metaOf(resource)
  const model: VpcEndpoint = {
    meta,
    serviceName: stringOr(resource, 'ServiceName', ''),
    endpointType: stringOr(resource, 'VpcEndpointType', 'Gateway'),
    policy: readPolicyDocument(path(resource.body, 'PolicyDocument'), 'endpoint', meta, context),
    privateDnsEnabled: boolOr(resource, 'PrivateDnsEnabled', false),
    vpcId: stringOr(resource, 'VpcId', ''),
    securityGroupIds: stringList(path(resource.body, 'SecurityGroupIds')),
    securityGroups: [],
  }
  context.model.ec2.vpcEndpoints.push(model)
  context.register('vpcEndpoint', resource.address, model)
  context.afterAll(() => {
    context.lookup<Vpc>('vpc', path(resource.body, 'VpcId'))?.endpoints.push(model)
    for (const id of items(path(resource.body, 'SecurityGroupIds'))) attachSecurityGroup(context, model, id)
  })
}

const securityGroup: Handler = (resource, context) => {
  const model: SecurityGroup = { meta: metaOf(resource), ingress: items(path(resource.body, 'SecurityGroupIngress')).map((entry) => ruleOf(entry, entry)) }
  context.model.ec2.securityGroups.push(model)
  context.register('securityGroup', resource.address, model, [knownValue(optionalString(resource, 'GroupName'))])
}

/** AWS::EC2::SecurityGroupIngress: joined to its group by GroupId (or GroupName for default-VPC groups). */
const ingress: Handler = (resource, context) => {
  const rule = ruleOf(resource.body, resource)
  context.afterAll(() => {
    const group = context.lookup<SecurityGroup>('securityGroup', path(resource.body, 'GroupId') ?? path(resource.body, 'GroupName'))
    group?.ingress.push(rule)
  })
}

/** An ingress rule's properties (inline entry or standalone resource); `at` is where the rule is written. */
function ruleOf(properties: Value, at: { loc: Value['loc'] }): SecurityGroupRule {
  return ingressRule(at.loc, {
    ipv4: path(properties, 'CidrIp'),
    ipv6: path(properties, 'CidrIpv6'),
    fromPort: path(properties, 'FromPort'),
    toPort: path(properties, 'ToPort'),
    protocol: path(properties, 'IpProtocol'),
  })
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::EC2::VPC': vpc,
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::EC2::SecurityGroup': securityGroup,
  'AWS::EC2::SecurityGroupIngress': ingress,
})
