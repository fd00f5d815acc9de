import type { Vpc } from '../../model/aws.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Params {
  /** Services every VPC must have an endpoint for, as in the service name's tail: `s3`, `sts`, `ecr.api`, `logs`. */
  services: string[]
}

/** `com.amazonaws.us-east-1.ecr.api` → `ecr.api`; a name in another form is kept whole. */
function serviceOf(serviceName: string): string {
  const match = /^(?:[a-z0-9.-]+\.)?com\.amazonaws\.(?:[a-z]{2}(?:-[a-z]+)+-\d+)\.(.+)$/i.exec(serviceName.trim())
  return (match?.[1] ?? serviceName).toLowerCase()
}

function missingServices(vpc: Vpc, required: string[]): string[] {
  const names = vpc.endpoints.map((endpoint) => endpoint.serviceName)
  // An endpoint whose service the source does not determine might be any of them: never guess one is missing.
  if (names.some((name) => !isKnown(name))) return []
  const present = new Set(names.map((name) => serviceOf(name.value as string)))
  return required.filter((service) => !present.has(service.toLowerCase()))
}

export default defineRule<Params>({
  id: 'vpce/required-endpoint-missing',
  severity: 'low',
  title: 'VPC lacks an endpoint the rulebook requires',
  why: 'Organizations that route AWS API traffic privately (for a data perimeter, or to keep it off NAT gateways) need the same endpoints in every VPC; a new VPC without them sends that traffic out to the internet. Severity: low: traffic takes the public path to the service; it is still authenticated and encrypted.',
  fix: 'Add an `aws_vpc_endpoint` / `AWS::EC2::VPCEndpoint` for each listed service to the VPC.',
  links: ['https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html'],
  params: {
    schema: { type: 'object', properties: { services: { type: 'array', items: { type: 'string', minLength: 1 } } }, additionalProperties: false },
    defaults: { services: [] },
  },
  check({ aws, params }, report) {
    if (params.services.length === 0) return
    for (const vpc of aws.ec2.vpcs) {
      const missing = missingServices(vpc, params.services)
      if (missing.length > 0) {
        report({ at: { loc: firstLine(vpc.meta.loc) }, resource: vpc.meta, element: missing.join(','), message: `The VPC has no endpoint for: ${missing.join(', ')}` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
          lines: [1],
          params: { services: ['s3', 'sts'] },
        },
      ],
      good: [
        {
          code: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`,
          params: { services: ['s3', 'sts'] },
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`,
          lines: [2],
          params: { services: ['s3'] },
        },
      ],
      good: [
        {
          code: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.s3
`,
          params: { services: ['s3'] },
        },
      ],
    },
  },
})
