import { CREDENTIAL_ACTIONS, entryGrants, entryName, identityDocuments, isWildcardScope, listNames, reachesOtherUsers } from '../../iam/index.js'
import { defineRule } from '../types.js'

const BY_ACTION = new Map(CREDENTIAL_ACTIONS.map((c) => [c.action.toLowerCase(), c]))


export default defineRule({
  id: 'iam/credentials-exposure',
  severity: 'high',
  title: 'Policy grants actions that return credentials or secrets',
  why: 'These actions hand out credentials: keys for other users, any role\'s session, every secret and SecureString parameter, every decryption. Whoever holds the policy holds everything those credentials open. Severity: high: reading secrets or temporary credentials turns this principal into every identity whose secrets it can read.',
  fix: 'Scope each action to the named secrets, parameters, keys and roles the workload uses; keep iam:CreateAccessKey to `arn:aws:iam::*:user/${aws:username}` for self-service.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  // Credential actions are in the default reserved list; the exposure finding says what they do.
  subsumes: { within: 'entry', rules: ['iam/critical-action-granted'] },
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const { statement, entry, granted } of entryGrants(document)) {
        const exposing = granted.filter(({ action, grant }) => {
          const rule = BY_ACTION.get(action.key.toLowerCase())
          if (!rule) return false
          if (rule.onlyOnWildcard && !isWildcardScope(grant.resources)) return false
          return !rule.selfServiceAllowed || reachesOtherUsers(grant.resources)
        })
        const alone = exposing.filter(({ action }) => !BY_ACTION.get(action.key.toLowerCase())?.onlyWithOthers)
        if (alone.length === 0) continue
        report({
          at: entry,
          resource: document.owner,
          element: entryName(statement, 'Action', entry),
          message: `"${entry.value}" grants actions that return credentials or secrets: ${listNames(exposing.map((e) => e.action.key))}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "secretsmanager:GetSecretValue",
        "ssm:GetParameter*"
      ]
      Resource = "*"
    }]
  })
}
`,
          lines: [9, 10],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-*"
      },
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      }
    ]
  })
}
`,
        },
        {
          // Self-service built from data sources, as reusable modules write it: the resource is not known, so not proven to reach other users.
          code: `data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  own_user = "arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:user/$\${aws:username}"
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "self_service" {
  name  = "self-service"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:UpdateLoginProfile"]
      Resource = [local.own_user]
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
  KeyAdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:CreateAccessKey
            Resource: arn:aws:iam::111122223333:user/*
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `Resources:
  SelfServicePolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:CreateAccessKey
            Resource: arn:aws:iam::111122223333:user/\${aws:username}
`,
        },
      ],
    },
  },
})
