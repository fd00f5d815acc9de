import { defineRule } from '../types.js'
import { isSecretName, literalSecret } from './patterns.js'

export default defineRule({
  id: 'secrets/plaintext-env',
  severity: 'high',
  title: 'Secret in a plaintext environment variable',
  why: 'Environment variables of Lambda functions, ECS tasks and Batch jobs are shown in clear to anyone with read access to the function or task definition (and in every revision of it), and often end up in logs and crash reports. Severity: high: the secret is readable by everyone allowed to describe the function or task definition, and in the source.',
  fix: 'Reference the secret instead: ECS/Batch `secrets` (`valueFrom` a Secrets Manager or SSM SecureString ARN); for Lambda, read it at runtime from Secrets Manager or SSM (the Parameters and Secrets extension caches it).',
  links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html'],
  check({ aws }, report) {
    for (const environment of aws.secrets.environments) {
      for (const variable of environment.variables) {
        if (!isSecretName(variable.name) || literalSecret(variable.value, aws.secrets.inputs) === undefined) continue
        report({
          at: variable.value,
          resource: environment.meta,
          element: variable.name,
          message: `Environment variable ${variable.name} holds a literal secret, readable by anyone who can read the ${environment.service === 'lambda' ? 'function configuration' : `${environment.service} definition`}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "app:1.0"
      environment = [
        { name = "STAGE", value = "prod" },
        { name = "DATABASE_PASSWORD", value = "oh no D:" }
      ]
    }
  ])
}
`,
          lines: [9],
        },
        {
          code: `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "api.zip"

  environment {
    variables = {
      STRIPE_API_KEY = "sk_live_51HqX2tEXAMPLE"
    }
  }
}
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "app:1.0"
      environment = [
        { name = "STAGE", value = "prod" },
        { name = "DATABASE_PASSWORD_ARN", value = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" }
      ]
      secrets = [
        { name = "DATABASE_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" }
      ]
    }
  ])
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1.0
          Environment:
            - Name: API_TOKEN
              Value: tok_0123456789abcdef
`,
          lines: [10],
        },
        {
          code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          DB_PASSWORD: hunter2hunter2
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1.0
          Secrets:
            - Name: API_TOKEN
              ValueFrom: arn:aws:ssm:us-east-1:111122223333:parameter/app/api-token
`,
        },
      ],
    },
  },
})
