import type { SecurityGroupRule, VpcEndpoint } from '../../model/aws.js'
import type { Attr } from '../../model/source.js'
import { defineRule } from '../types.js'
import { isInterface } from './endpoints.js'

const ANYWHERE = new Set(['0.0.0.0/0', '::/0'])

function openSources(rule: SecurityGroupRule): Attr<string>[] {
  return [...rule.cidrBlocks, ...rule.ipv6CidrBlocks].filter((cidr) => typeof cidr.value === 'string' && ANYWHERE.has(cidr.value.trim()))
}

export default defineRule({
  id: 'vpce/open-security-group',
  severity: 'medium',
  title: 'Interface endpoint security group is open to the internet',
  why: 'An interface endpoint is a private entry into an AWS service; a security group that admits 0.0.0.0/0 or ::/0 lets anything that can route to it (peered networks, VPN users, a compromised neighbour) use it. Severity: medium: the endpoint is reachable from more networks than needed; the endpoint policy and IAM still apply.',
  fix: 'Allow ingress on 443 only from the VPC’s CIDR or from the security groups of the clients that need the endpoint.',
  links: ['https://docs.aws.amazon.com/vpc/latest/privatelink/interface-endpoints.html#configure-security-groups'],
  check({ aws }, report) {
    const endpointsByRule = new Map<SecurityGroupRule, { endpoints: VpcEndpoint[]; meta: VpcEndpoint['meta'] }>()
    for (const endpoint of aws.ec2.vpcEndpoints.filter(isInterface)) {
      for (const group of endpoint.securityGroups) {
        for (const rule of group.ingress) {
          const entry = endpointsByRule.get(rule) ?? { endpoints: [], meta: group.meta }
          entry.endpoints.push(endpoint)
          endpointsByRule.set(rule, entry)
        }
      }
    }
    for (const [rule, { endpoints, meta }] of endpointsByRule) {
      const names = endpoints.map((endpoint) => endpoint.meta.address).join(', ')
      for (const cidr of openSources(rule)) {
        report({
          at: cidr,
          resource: meta,
          element: String(cidr.value),
          message: `The security group of ${names} allows ingress from ${String(cidr.value)}`,
          related: endpoints.map((endpoint) => ({ loc: endpoint.meta.loc, message: `${endpoint.meta.address} uses this security group` })),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = "vpc-0a1b2c3d"
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.endpoints.id]
}
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `resource "aws_security_group" "endpoints" {
  name   = "endpoints"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = "vpc-0a1b2c3d"
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  security_group_ids  = [aws_security_group.endpoints.id]
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Interface endpoints
      VpcId: vpc-0a1b2c3d
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIpv6: ::/0
  StsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.sts
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds:
        - !GetAtt EndpointGroup.GroupId
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Interface endpoints
      VpcId: vpc-0a1b2c3d
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/16
  StsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.sts
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds:
        - !GetAtt EndpointGroup.GroupId
`,
        },
      ],
    },
  },
})
