import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'
import { isInterface } from './endpoints.js'

export default defineRule({
  id: 'vpce/private-dns-disabled',
  severity: 'low',
  title: 'Interface endpoint has private DNS off',
  why: 'Without private DNS the service’s public hostname still resolves to public addresses, so SDKs and tools keep leaving the VPC over the internet path and the endpoint (and its policy) is silently bypassed. Severity: low: clients resolve the public endpoint and leave the VPC, unless they are configured for the endpoint.',
  fix: 'Set `private_dns_enabled = true` (Terraform) or `PrivateDnsEnabled: true` (CloudFormation); the VPC needs DNS hostnames and DNS support on.',
  links: ['https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns'],
  check({ aws }, report) {
    for (const endpoint of aws.ec2.vpcEndpoints) {
      if (isInterface(endpoint) && endpoint.privateDnsEnabled.value === false) {
        report({
          at: endpoint.privateDnsEnabled,
          resource: endpoint.meta,
          message: 'Private DNS is off: clients resolving the service’s usual hostname bypass the endpoint',
          fix: replaceValue(endpoint.privateDnsEnabled, 'true', 'Turn private DNS on'),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_vpc_endpoint" "sts" {
  vpc_id            = "vpc-0a1b2c3d"
  service_name      = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type = "Interface"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_vpc_endpoint" "sts" {
  vpc_id              = "vpc-0a1b2c3d"
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  StsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.sts
      VpcEndpointType: Interface
      PrivateDnsEnabled: false
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `Resources:
  StsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.sts
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
`,
        },
      ],
    },
  },
})
