import { defineRule } from '../types.js'
import { replaceValue } from '../fix.js'
import { upper } from './shared.js'

export default defineRule({
  id: 'apigw/outdated-tls',
  severity: 'medium',
  title: 'Custom domain accepts TLS 1.0',
  why: 'The TLS_1_0 security policy lets clients negotiate TLS 1.0 and 1.1 with legacy ciphers, which have known weaknesses and are not allowed by PCI DSS and most baselines. Severity: medium: TLS 1.0 weakens transport security for clients that negotiate it; exploiting it needs a network position.',
  fix: 'Set `security_policy = "TLS_1_2"` (CloudFormation `SecurityPolicy: TLS_1_2`, SAM `Domain.SecurityPolicy`) or one of the enhanced `SecurityPolicy_TLS13_…` policies.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html'],
  check({ aws }, report) {
    for (const domain of aws.apigateway.domainNames) {
      if (upper(domain.securityPolicy) !== 'TLS_1_0') continue
      report({
        at: domain.securityPolicy,
        resource: domain.meta,
        message: domain.securityPolicy.explicit
          ? 'This custom domain uses the TLS_1_0 security policy: clients may connect with TLS 1.0 and 1.1'
          : 'This custom domain sets no security policy and gets TLS_1_0: clients may connect with TLS 1.0 and 1.1',
        fix: replaceValue(domain.securityPolicy, '"TLS_1_2"', 'Require TLS 1.2'),
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
`,
          lines: [4],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  ApiDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d
      EndpointConfiguration:
        Types: [REGIONAL]
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  ApiDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d
      SecurityPolicy: TLS_1_2
      EndpointConfiguration:
        Types: [REGIONAL]
`,
        },
      ],
    },
  },
})
