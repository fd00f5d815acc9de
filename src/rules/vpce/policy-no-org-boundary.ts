import { conditionKey } from '../../iam/index.js'
import type { PolicyDocument } from '../../model/policy.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { allowsFullAccess, takesPolicy } from './endpoints.js'

const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:resourceorgid', 'aws:resourceorgpaths'])

/** Some statement conditions on an organization key (an unknown key might be one, so it counts). */
function hasOrgBoundary(document: PolicyDocument): boolean {
  return document.statements.some((statement) => statement.conditions.some((condition) => {
    const key = conditionKey(condition)
    return key === undefined || ORG_KEYS.has(key)
  }))
}

export default defineRule({
  id: 'vpce/policy-no-org-boundary',
  severity: 'low',
  title: 'VPC endpoint policy has no organization boundary',
  why: 'A data perimeter keeps traffic through the endpoint inside your organization: aws:PrincipalOrgID stops foreign credentials from using your network path, aws:ResourceOrgID stops your principals from writing to foreign buckets. Severity: low: a boundary to the organization closes an exfiltration path; the endpoint is already private.',
  fix: 'Add a condition on `aws:PrincipalOrgID` and/or `aws:ResourceOrgID` (or the …OrgPaths keys) to the endpoint policy’s Allow statements.',
  links: ['https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html'],
  check({ aws }, report) {
    for (const endpoint of aws.ec2.vpcEndpoints) {
      // No policy, or full access written out, is one problem: vpce/policy-full-access reports it.
      if (!takesPolicy(endpoint) || allowsFullAccess(endpoint)) continue
      const policy = endpoint.policy
      if (!policy || policy.unknown || hasOrgBoundary(policy)) continue
      report({ at: { loc: firstLine(policy.loc) }, resource: endpoint.meta, message: 'The endpoint policy conditions on neither aws:PrincipalOrgID nor aws:ResourceOrgID: callers and resources outside the organization pass' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
    }]
  })
}
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0a1b2c3d"
  service_name = "com.amazonaws.us-east-1.s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
      Condition = {
        StringEquals = {
          "aws:PrincipalOrgID" = "o-a1b2c3d4e5"
          "aws:ResourceOrgID"  = "o-a1b2c3d4e5"
        }
      }
    }]
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
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: 's3:GetObject'
            Resource: 'arn:aws:s3:::app-data/*'
`,
          lines: [8],
        },
      ],
      good: [
        {
          // No policy at all is vpce/policy-full-access's finding, not a second one here.
          code: `Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.s3
`,
        },
        {
          // Neither is the default policy written out.
          code: `Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.s3
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: '*'
            Resource: '*'
`,
        },
        {
          code: `Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0a1b2c3d
      ServiceName: com.amazonaws.us-east-1.s3
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5
`,
        },
      ],
    },
  },
})
