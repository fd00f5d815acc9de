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
  // `*` on `*` is the whole problem: every wildcard, reserved action, escalation and write in the statement is part of it.
  subsumes: { within: 'statement', rules: ['iam/service-wildcard-action', 'iam/critical-action-granted', 'iam/credentials-exposure', 'iam/data-exfiltration', 'iam/resource-exposure', 'iam/privilege-escalation', 'iam/passrole-unrestricted', 'iam/wildcard-resource-write', 'iam/not-resource-allow'] },
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
          // A module that hands its caller the policy to attach: judged where it is written.
          code: `data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

output "admin_policy_json" {
  value = data.aws_iam_policy_document.admin.json
}
`,
          lines: [3],
        },
        {
          code: `resource "aws_ssoadmin_permission_set" "admin" {
  name         = "Admin"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_permission_set_inline_policy" "admin" {
  instance_arn       = aws_ssoadmin_permission_set.admin.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.admin.arn
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`,
          lines: [11],
        },
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
          code: `data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::artifacts/*"]
  }
}
`,
        },
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
  AdminSet:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Admin
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      InlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`,
          lines: [11],
        },
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
