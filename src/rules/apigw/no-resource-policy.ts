import type { AwsModel } from '../../model/aws.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { isPublicApi, named, shownValue } from './shared.js'

/** An API Gateway policy in the code that no API claimed (its target is a variable): it may be any API's. */
function unclaimedPolicy(aws: AwsModel): boolean {
  const claimed = new Set(aws.apigateway.restApis.map((api) => api.policy))
  return aws.resourcePolicies.some((policy) => policy.service === 'apigateway' && !claimed.has(policy.document))
}

export default defineRule({
  id: 'apigw/no-resource-policy',
  severity: 'low',
  title: 'Public REST API without a resource policy',
  why: 'A resource policy is the API-wide gate on who may call at all (source IPs, VPCs, VPC endpoints, accounts, the organization). Without one, the methods\' own authorization is the only line of defence, and one method left open is open to the whole internet. Severity: low: a resource policy is an extra boundary; methods still carry their own authorization.',
  fix: 'Attach a policy (`policy` on `aws_api_gateway_rest_api`, `aws_api_gateway_rest_api_policy`, CloudFormation `Policy`, SAM `Auth.ResourcePolicy`) that allows execute-api:Invoke only from the networks or principals that need it.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html'],
  check({ aws }, report) {
    if (unclaimedPolicy(aws)) return
    for (const api of aws.apigateway.restApis) {
      if (!isPublicApi(api) || api.policy) continue
      report({ at: { loc: firstLine(api.meta.loc) }, resource: api.meta, message: `The ${shownValue(api.endpointType)} API ${named(api.name, api.meta)} has no resource policy: any caller on the internet reaches its methods` })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}

resource "aws_api_gateway_rest_api_policy" "shop" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
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
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      EndpointConfiguration:
        Types: [REGIONAL]
`,
          lines: [2],
        },
      ],
      good: [
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
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5
`,
        },
      ],
    },
  },
})
