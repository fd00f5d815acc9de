import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'
import { isPublicApi, named, shownValue } from './shared.js'

export default defineRule({
  id: 'apigw/no-waf',
  severity: 'medium',
  title: 'Public REST API stage without a WAF web ACL',
  why: 'An internet-facing stage with no web ACL takes every request as it comes: injection payloads, known-bad inputs and request floods reach the integration unfiltered. Severity: medium: a web ACL filters known-bad input and floods, a defence in depth in front of the integration, not the only control.',
  fix: 'Associate a WAFv2 web ACL (scope REGIONAL) with the stage: `aws_wafv2_web_acl_association` with `resource_arn = aws_api_gateway_stage.<name>.arn`, or `AWS::WAFv2::WebACLAssociation`.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html'],
  check({ aws }, report) {
    for (const stage of aws.apigateway.restStages) {
      if (!isPublicApi(stage.api) || stage.webAclAssociated.value !== false) continue
      report({
        at: { loc: firstLine(stage.meta.loc) },
        resource: stage.meta,
        message: `Stage ${named(stage.name, stage.meta)} of the ${shownValue(stage.api.endpointType)} API ${named(stage.api.name, stage.api.meta)} has no WAF web ACL associated`,
        element: `Stage[${shownValue(stage.name)}]`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  deployment_id = "dep123"
  stage_name    = "prod"
}
`,
          lines: [8],
        },
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  deployment_id = "dep123"
  stage_name    = "prod"
}

# Protects the test stage of an API created elsewhere, not this prod stage.
resource "aws_wafv2_web_acl_association" "test" {
  resource_arn = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/test"
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666"
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl" "api" {
  name  = "shop-api"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
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
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ShopApi
      DeploymentId: dep123
      StageName: prod
`,
          lines: [6],
        },
        {
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ShopApi
      DeploymentId: dep123
      StageName: prod
  # Protects the test stage of an API created elsewhere, not this prod stage.
  TestStageAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/test
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ShopApi
      DeploymentId: dep123
      StageName: prod
  ApiAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: shop-api
      Scope: REGIONAL
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: shop-api
        SampledRequestsEnabled: true
  ProdAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:\${AWS::Region}::/restapis/\${ShopApi}/stages/\${ProdStage}
      WebACLArn: !GetAtt ApiAcl.Arn
`,
        },
        {
          // The literal ARN names a stage called prod: this one may be it, so the rule cannot say it is unprotected.
          code: `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ShopApi
      DeploymentId: dep123
      StageName: prod
  ProdStageAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
        },
      ],
    },
  },
})
