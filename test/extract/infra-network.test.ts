import { describe, expect, it } from 'vitest'
import { handlers as tfEc2 } from '../../src/extract/terraform/ec2.js'
import { handlers as cfnEc2 } from '../../src/extract/cloudformation/ec2.js'
import { extractWith } from './infra-fixtures.js'

describe('Terraform VPC endpoints and security groups', () => {
  it('reads the endpoint, defaults its type and DNS, and joins VPC and security groups by reference', () => {
    const model = extractWith(
      [tfEc2],
      [
        { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.sts', body: '{ "vpc_id": "${aws_vpc.main.id}", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface", "security_group_ids": ["${aws_security_group.endpoints.id}", "sg-0123456789abcdef0"] }' },
        { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.s3', line: 5, body: '{ "vpc_id": "${aws_vpc.main.id}", "service_name": "com.amazonaws.us-east-1.s3" }' },
        { type: 'aws_vpc', address: 'aws_vpc.main', line: 10, body: '{ "cidr_block": "10.0.0.0/16" }' },
        { type: 'aws_security_group', address: 'aws_security_group.endpoints', line: 20, body: '{ "name": "endpoints", "ingress": [{ "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"] }] }' },
      ],
    )
    const [sts, s3] = model.ec2.vpcEndpoints
    expect(sts!.endpointType.value).toBe('Interface')
    expect(sts!.privateDnsEnabled).toMatchObject({ value: false, explicit: false })
    expect(sts!.policy).toBeUndefined()
    expect(sts!.securityGroupIds).toHaveLength(2)
    expect(sts!.securityGroups.map((g) => g.meta.address)).toEqual(['aws_security_group.endpoints'])
    expect(s3!.endpointType).toMatchObject({ value: 'Gateway', explicit: false })
    expect(model.ec2.vpcs[0]!.endpoints).toEqual([sts, s3])
    expect(model.ec2.securityGroups[0]!.ingress[0]).toMatchObject({ fromPort: { value: 443 }, protocol: { value: 'tcp' }, cidrBlocks: [{ value: '0.0.0.0/0', loc: { startLine: 21 } }] })
  })

  it('adds standalone ingress rules to their group and ignores egress rules', () => {
    const model = extractWith(
      [tfEc2],
      [
        { type: 'aws_security_group', address: 'aws_security_group.sg', body: '{ "name": "sg" }' },
        { type: 'aws_security_group_rule', address: 'aws_security_group_rule.in', line: 3, body: '{ "type": "ingress", "security_group_id": "${aws_security_group.sg.id}", "from_port": 443, "to_port": 443, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"] }' },
        { type: 'aws_security_group_rule', address: 'aws_security_group_rule.out', line: 6, body: '{ "type": "egress", "security_group_id": "${aws_security_group.sg.id}", "cidr_blocks": ["0.0.0.0/0"] }' },
        { type: 'aws_vpc_security_group_ingress_rule', address: 'aws_vpc_security_group_ingress_rule.v4', line: 9, body: '{ "security_group_id": "${aws_security_group.sg.id}", "cidr_ipv4": "10.0.0.0/8", "ip_protocol": "-1" }' },
      ],
    )
    const ingress = model.ec2.securityGroups[0]!.ingress
    expect(ingress.map((r) => [r.loc.startLine, r.ipv6CidrBlocks.map((c) => c.value), r.cidrBlocks.map((c) => c.value)])).toEqual([
      [3, ['::/0'], []],
      [9, [], ['10.0.0.0/8']],
    ])
  })

  it('a separate endpoint policy resource and security group association join the endpoint', () => {
    const model = extractWith(
      [tfEc2],
      [
        { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.sts', body: '{ "vpc_id": "vpc-1", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface" }' },
        { type: 'aws_vpc_endpoint_policy', address: 'aws_vpc_endpoint_policy.sts', line: 3, body: '{ "vpc_endpoint_id": "${aws_vpc_endpoint.sts.id}", "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}" }' },
        { type: 'aws_security_group', address: 'aws_security_group.sg', line: 6, body: '{}' },
        { type: 'aws_vpc_endpoint_security_group_association', address: 'aws_vpc_endpoint_security_group_association.a', line: 8, body: '{ "vpc_endpoint_id": "${aws_vpc_endpoint.sts.id}", "security_group_id": "${aws_security_group.sg.id}" }' },
      ],
    )
    const endpoint = model.ec2.vpcEndpoints[0]!
    expect(endpoint.policy?.kind).toBe('endpoint')
    expect(endpoint.policy?.statements).toHaveLength(1)
    expect(endpoint.securityGroups.map((g) => g.meta.address)).toEqual(['aws_security_group.sg'])
  })
})

describe('CloudFormation VPC endpoints and security groups', () => {
  it('reads PolicyDocument, PrivateDnsEnabled and joins groups by Ref and GetAtt', () => {
    const policy = '{ "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-abc" } } }] }'
    const model = extractWith(
      [cfnEc2],
      [
        { type: 'AWS::EC2::VPC', address: 'Vpc', file: 't.yaml', body: '{ "CidrBlock": "10.0.0.0/16" }' },
        { type: 'AWS::EC2::VPCEndpoint', address: 'Endpoint', file: 't.yaml', line: 3, body: `{ "VpcId": "\${Vpc}", "ServiceName": "com.amazonaws.us-east-1.sqs", "VpcEndpointType": "Interface", "PrivateDnsEnabled": false, "SecurityGroupIds": ["\${EndpointGroup.GroupId}"], "PolicyDocument": ${policy} }` },
        { type: 'AWS::EC2::SecurityGroup', address: 'EndpointGroup', file: 't.yaml', line: 10, body: '{ "GroupDescription": "x", "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" }] }' },
        { type: 'AWS::EC2::SecurityGroupIngress', address: 'Extra', file: 't.yaml', line: 20, body: '{ "GroupId": "${EndpointGroup}", "IpProtocol": "tcp", "CidrIpv6": "::/0" }' },
      ],
    )
    const endpoint = model.ec2.vpcEndpoints[0]!
    expect(endpoint.privateDnsEnabled).toMatchObject({ value: false, explicit: true })
    expect(endpoint.policy?.statements[0]!.conditions[0]!.key.value).toBe('aws:PrincipalOrgID')
    expect(endpoint.securityGroups).toHaveLength(1)
    expect(endpoint.securityGroups[0]!.ingress.map((r) => [r.loc.startLine, r.cidrBlocks.length, r.ipv6CidrBlocks.length])).toEqual([
      [11, 1, 0],
      [20, 0, 1],
    ])
    expect(model.ec2.vpcs[0]!.endpoints).toEqual([endpoint])
  })
})
