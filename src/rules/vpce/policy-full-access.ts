import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { grantsEverything, takesPolicy } from './endpoints.js'

export default defineRule({
  id: 'vpce/policy-full-access',
  severity: 'medium',
  title: 'VPC endpoint allows full access',
  why: 'The default endpoint policy lets any principal reach any resource of the service through the endpoint — including buckets and queues of other accounts, the classic exfiltration path out of a private network. Severity: medium: the endpoint lets traffic reach any resource of the service, including other accounts’ (an exfiltration path).',
  fix: 'Attach an endpoint policy that allows only the actions and resources the VPC needs (for example, your organization’s buckets via aws:ResourceOrgID).',
  links: ['https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html'],
  check({ aws }, report) {
    for (const endpoint of aws.ec2.vpcEndpoints) {
      if (!takesPolicy(endpoint)) continue
      if (!endpoint.policy) {
        report({ at: { loc: firstLine(endpoint.meta.loc) }, resource: endpoint.meta, message: 'The endpoint has no policy: the default policy allows every action on every resource to anyone' })
        continue
      }
      for (const statement of endpoint.policy.statements.filter(grantsEverything)) {
        report({ at: statement, resource: endpoint.meta, element: `Statement[${statement.index}]`, message: 'The endpoint policy allows every action on every resource to anyone' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
      }
    ]
  })
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject", "s3:PutObject"]
        Resource  = "arn:aws:s3:::app-data/*"
      }
    ]
  })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.s3
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: '*'
            Resource: '*'
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.s3
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::app-data/*
`,
        },
      ],
    },
  },
})
