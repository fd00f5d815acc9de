import { allowStatements, entryName, identityDocuments, isAllActions, isWildcardScope, resourceScope } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/full-admin',
  severity: 'critical',
  title: 'Policy grants every action on every resource',
  why: 'An identity with `*` on `*` is an administrator of the account: one leaked credential or one compromised workload owns everything, including the logs that would show it. Severity: critical: `*` on `*` is every action in the account, including disabling every control.',
  fix: 'Grant the actions the workload calls, on the resources it uses. Start from IAM Access Analyzer policy generation or the service\'s documented minimum.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const statement of allowStatements(document)) {
        if (!isWildcardScope(resourceScope(statement))) continue
        for (const action of statement.actions ?? []) {
          if (isKnown(action) && isAllActions(action.value)) {
            report({ at: action, resource: document.owner, element: entryName(statement, 'Action', action), message: `Allows "${action.value}" on every resource: this is administrator access` })
          }
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
`,
          lines: [7],
        },
        {
          code: `data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "admin" {
  name   = "admin"
  role   = "deployer"
  policy = data.aws_iam_policy_document.admin.json
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "arn:aws:s3:::artifacts/*"
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
  AdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `Resources:
  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:PutObject
            Resource: arn:aws:s3:::artifacts/*
`,
        },
      ],
    },
  },
})
