import { defineRule } from '../types.js'
import { upper } from '../apigw/shared.js'
import { replaceValue } from '../fix.js'

export default defineRule({
  id: 'lambda/function-url-no-auth',
  severity: 'high',
  title: 'Lambda function URL without authentication',
  why: 'A function URL with auth type NONE is a public HTTPS endpoint that runs the function for anyone, with no API Gateway in front: no authorizer, no throttling per client, no WAF. Severity: high: the function is invocable by anyone on the internet; some are public by design, which is why it is not critical.',
  fix: 'Set `authorization_type = "AWS_IAM"` (CloudFormation `AuthType: AWS_IAM`) and sign requests with SigV4, or put the function behind API Gateway or CloudFront with origin access control.',
  links: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
  check({ aws }, report) {
    for (const url of aws.lambda.functionUrls) {
      if (upper(url.authType) !== 'NONE') continue
      report({
        at: url.authType,
        resource: url.meta,
        message: 'This function URL has auth type NONE: anyone on the internet can invoke the function',
        fix: replaceValue(url.authType, '"AWS_IAM"', 'Require IAM authentication'),
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_lambda_function_url" "report" {
  function_name      = "report"
  authorization_type = "NONE"
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `resource "aws_lambda_function_url" "report" {
  function_name      = "report"
  authorization_type = "AWS_IAM"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  ReportUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:report
      AuthType: AWS_IAM
`,
        },
      ],
    },
  },
})
