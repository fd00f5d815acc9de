import { grammarIssues, sizeLimitOf } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/invalid-policy',
  severity: 'high',
  title: 'Policy breaks the IAM policy grammar',
  why: 'AWS rejects some of these at deploy time (a bad Effect, a Principal in an identity policy, a policy over the size limit), which breaks the pipeline late; others it accepts and reads differently than the author (no Version: `${aws:username}` is a literal string; a malformed ARN matches nothing). Severity: high by default, because most grammar errors either fail the deployment or make AWS read the policy differently than written; a missing Version in a policy without policy variables changes nothing it grants and is reported as info.',
  fix: 'Start the policy with `"Version": "2012-10-17"`, give every statement an Effect of Allow or Deny, an Action and (in identity policies) a Resource, keep Sids unique, and split policies that exceed the size limit.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html'],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      for (const issue of grammarIssues(document, sizeLimitOf(aws, document))) {
        report({ at: issue.at, resource: document.owner, element: issue.element, message: issue.message, ...(issue.formOnly ? { severity: 'info' as const } : {}) })
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
        {
          // Without a Version the 2008 language reads \${aws:username} as those characters: every user is refused their own folder.
          code: `resource "aws_iam_policy" "home" {
  name = "home-folder"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::home/$\${aws:username}/*"
    }]
  })
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          // \`execute-api:/…\` is the documented shorthand of API Gateway resource policies for the API's own ARN.
          code: `resource "aws_api_gateway_rest_api_policy" "shop" {
  rest_api_id = "a1b2c3d4e5"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/prod/POST/admin/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f67890" } }
      }
    ]
  })
}
`,
        },
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
        {
          code: `Resources:
  HomeFolders:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::home
            Condition:
              StringLike:
                s3:prefix: \${aws:username}/*
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
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
`,
        },
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
