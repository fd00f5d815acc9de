import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'
import { publicStatements } from '../../iam/index.js'

export default defineRule({
  id: 'apigw/resource-policy-public',
  severity: 'high',
  title: 'API resource policy allows everyone',
  why: 'An API Gateway resource policy that allows execute-api:Invoke to Principal `*` with no condition on source IP, VPC, VPC endpoint or organization opens the API to every caller on the internet, which defeats the point of having the policy. Severity: high: the API policy itself lets everyone invoke; methods may still authorize, which is why it is not critical.',
  fix: 'Keep Principal `*` only together with a condition such as `IpAddress aws:SourceIp`, `StringEquals aws:SourceVpce` or `aws:PrincipalOrgID`, or a Deny for callers outside them; otherwise name the accounts or roles in Principal.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html'],
  check({ aws }, report) {
    for (const policy of aws.resourcePolicies) {
      if (policy.service !== 'apigateway') continue
      for (const { statement, principals } of publicStatements(policy.document)) {
        for (const principal of principals) {
          report({ at: principal.value, resource: policy.meta, message: 'This API resource policy allows Principal `*` with no condition on source IP, VPC, VPC endpoint or organization: anyone may invoke the API', element: `${statementName(statement)}.Principal[*]` })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }]
  })
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { NotIpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
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
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  InternalApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: internal
      EndpointConfiguration:
        Types: [PRIVATE]
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
          - Effect: Deny
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              StringNotEquals:
                aws:SourceVpce: vpce-0a1b2c3d4e5f67890
`,
        },
        {
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              IpAddress:
                aws:SourceIp: 203.0.113.0/24
`,
        },
      ],
    },
  },
})
