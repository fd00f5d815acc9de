import { defineRule } from '../types.js'
import { replaceValue } from '../fix.js'
import { shownValue } from './shared.js'

export default defineRule({
  id: 'apigw/cache-unencrypted',
  severity: 'medium',
  title: 'API cache enabled without encryption',
  why: 'Cached responses sit on the stage\'s cache cluster; unencrypted, whatever the API returns (personal data, tokens) is stored in the clear. Severity: medium: cached responses sit unencrypted on AWS-managed storage, a defence-in-depth gap rather than an exposure.',
  fix: 'Where `caching_enabled = true`, also set `cache_data_encrypted = true` (CloudFormation `CacheDataEncrypted: true`).',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'],
  check({ aws }, report) {
    for (const settings of aws.apigateway.methodSettings) {
      if (settings.cachingEnabled.value !== true || settings.cacheDataEncrypted.value !== false) continue
      const written = settings.cacheDataEncrypted.explicit
      report({
        at: written ? settings.cacheDataEncrypted : settings.cachingEnabled,
        resource: settings.owner,
        message: `Responses of ${shownValue(settings.methodPath)} are cached unencrypted${written ? '' : ': cache data encryption is not set and defaults to off'}`,
        element: `MethodSettings[${shownValue(settings.methodPath)}]`,
        fix: replaceValue(settings.cacheDataEncrypted, 'true', 'Encrypt the cache'),
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_api_gateway_method_settings" "catalog" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "products/GET"
  settings {
    caching_enabled      = true
    cache_data_encrypted = false
  }
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_api_gateway_method_settings" "catalog" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "products/GET"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
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
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: dep123
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /products
          HttpMethod: GET
          CachingEnabled: true
`,
          lines: [12],
        },
      ],
      good: [
        {
          code: `Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a1b2c3d4e5
      DeploymentId: dep123
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /products
          HttpMethod: GET
          CachingEnabled: true
          CacheDataEncrypted: true
`,
        },
      ],
    },
  },
})
