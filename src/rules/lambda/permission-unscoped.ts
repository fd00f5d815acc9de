import { isServicePrincipalName } from '../../iam/index.js'
import type { LambdaPermission } from '../../model/aws.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** Where the invoking resource may live: a source account narrows "any account" but names no resource. */
function callerScope(permission: LambdaPermission): string {
  if (!permission.sourceAccount) return 'in any account'
  return isKnown(permission.sourceAccount) ? `of account ${permission.sourceAccount.value}` : 'of the source account'
}

export default defineRule({
  id: 'lambda/permission-unscoped',
  severity: 'high',
  title: 'Lambda permission for a service without a source ARN',
  why: 'A permission that lets a service principal (API Gateway, S3, SNS, EventBridge, …) invoke the function without `source_arn` lets that service invoke it on behalf of any resource of any account: anyone can point their own API, bucket or topic at the function (the confused-deputy problem). Severity: high: any account’s bucket, topic or rule of that service can invoke the function (confused deputy).',
  fix: 'Set `source_arn` / `SourceArn` to the one resource allowed to invoke (for API Gateway `${aws_api_gateway_rest_api.x.execution_arn}/*/GET/path`), and for S3 also `source_account`.',
  links: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'],
  check({ aws }, report) {
    for (const permission of aws.lambda.permissions) {
      const principal = permission.principal
      if (!isKnown(principal) || !isServicePrincipalName(principal.value) || permission.sourceArn) continue
      report({
        at: { loc: firstLine(permission.meta.loc) },
        resource: permission.meta,
        message: `${principal.value} may invoke the function on behalf of any ${principal.value.split('.')[0]} resource ${callerScope(permission)}: no source ARN limits it to the one that should`,
        element: `Principal[${principal.value}]`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/GET/orders"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  UploadPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: thumbnails
      Principal: s3.amazonaws.com
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  UploadPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: thumbnails
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::acme-uploads
      SourceAccount: '123456789012'
`,
        },
      ],
    },
  },
})
