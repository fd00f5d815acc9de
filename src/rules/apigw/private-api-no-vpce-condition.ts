import { conditionKey, isAllow } from '../../iam/index.js'
import type { PolicyDocument } from '../../model/policy.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { named, upper } from './shared.js'

const VPC_KEYS = ['aws:sourcevpce', 'aws:sourcevpc']

/** Some statement (Allow or Deny) conditions on the VPC or VPC endpoint; an unknown key might be one. */
function confinesToVpc(document: PolicyDocument): boolean {
  return document.statements.some((statement) => statement.conditions.some((condition) => {
    const key = conditionKey(condition)
    return key === undefined || VPC_KEYS.includes(key)
  }))
}

export default defineRule({
  id: 'apigw/private-api-no-vpce-condition',
  severity: 'high',
  title: 'Private API whose resource policy does not restrict the VPC endpoint',
  why: 'A PRIVATE API is reached through interface VPC endpoints, and any endpoint in any account can route to it. Only a resource policy conditioned on aws:SourceVpce (or aws:SourceVpc) keeps other VPCs, including other customers\', from invoking it. Severity: high: without an endpoint condition any VPC endpoint, of any account, reaches the private API.',
  fix: 'Allow execute-api:Invoke only with `StringEquals aws:SourceVpce: <your endpoint IDs>` (or aws:SourceVpc), or Deny with `StringNotEquals` on the same key.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-create.html#apigateway-private-api-set-up-resource-policy'],
  check({ aws }, report) {
    for (const api of aws.apigateway.restApis) {
      const policy = api.policy
      if (upper(api.endpointType) !== 'PRIVATE' || !policy || policy.unknown || confinesToVpc(policy)) continue
      for (const statement of policy.statements.filter(isAllow)) {
        report({ at: { loc: firstLine(statement.loc) }, resource: api.meta, message: `Private API ${named(api.name, api.meta)} allows invocation without an aws:SourceVpce or aws:SourceVpc condition: any VPC endpoint, in any account, can reach it`, element: `Statement[${statement.index}]` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      }
    ]
  })
}
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f67890"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f67890" } }
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
  InternalApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: internal
      EndpointConfiguration:
        Types: [PRIVATE]
      Policy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
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
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
          - Effect: Deny
            Principal: '*'
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              StringNotEquals:
                aws:SourceVpce: vpce-0a1b2c3d4e5f67890
`,
        },
      ],
    },
  },
})
