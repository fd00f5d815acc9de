import { grammarIssues, sizeLimitOf } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/invalid-policy',
  severity: 'high',
  title: 'Policy breaks the IAM policy grammar',
  why: 'AWS rejects some of these at deploy time (a bad Effect, a Principal in an identity policy, a policy over the size limit), which breaks the pipeline late; others it accepts and reads differently than the author (no Version: `${aws:username}` is a literal string; a malformed ARN matches nothing).',
  fix: 'Start the policy with `"Version": "2012-10-17"`, give every statement an Effect of Allow or Deny, an Action and (in identity policies) a Resource, keep Sids unique, and split policies that exceed the size limit.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html'],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      for (const issue of grammarIssues(document, sizeLimitOf(aws, document))) {
        report({ at: issue.at, resource: document.owner, element: issue.element, message: issue.message })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Statement = [
      {
        Sid      = "Read"
        Effect   = "allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::app/*"
      },
      {
        Sid      = "Read"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "app-bucket"
      }
    ]
  })
}
`,
          lines: [3, 7, 12, 15],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadObjects"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::app/*"
      },
      {
        Sid      = "ListBucket"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::app"
      }
    ]
  })
}
`,
        },
        {
          // A reusable module's statements from a variable: each element may be null, so nothing is proven present.
          code: `variable "permissions" {
  type = map(any)
}

data "aws_iam_policy_document" "inline" {
  dynamic "statement" {
    for_each = var.permissions
    content {
      actions       = statement.value.actions
      not_actions   = statement.value.not_actions
      resources     = statement.value.resources
      not_resources = statement.value.not_resources
      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
    }
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.inline.json
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: s3:GetObject
            Resource: arn:aws:s3:::app/*
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::app/*
`,
        },
      ],
    },
  },
})
