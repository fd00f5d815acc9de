import { CALLER_KEYS, isAllow, isPublicPrincipal, narrowingConditions, trustPolicies } from '../../iam/index.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'

// Trust policies add sts:ExternalId to the perimeter keys: it pins the caller to one agreed third party.
const TRUST_RESTRICTING_KEYS = [...CALLER_KEYS, 'sts:externalid']

export default defineRule({
  id: 'iam/trust-public',
  severity: 'critical',
  title: 'Role trust policy lets anyone assume the role',
  why: 'A trust policy with Principal `*` (or AWS `*`) and no condition on the caller lets every AWS account in the world call sts:AssumeRole on the role and use its permissions. Severity: critical: anyone with an AWS account can assume the role.',
  fix: 'Name the accounts or roles that may assume the role in Principal, or confine `*` with a condition such as aws:PrincipalOrgID, aws:PrincipalArn or sts:ExternalId.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous'],
  check({ aws }, report) {
    for (const { document, resource } of trustPolicies(aws)) {
      for (const statement of document.statements) {
        if (!isAllow(statement) || narrowingConditions(statement, (key) => TRUST_RESTRICTING_KEYS.includes(key)).length > 0) continue
        for (const principal of statement.principals ?? []) {
          if (!isPublicPrincipal(principal)) continue
          report({
            at: principal.value,
            resource,
            message: 'Any AWS principal can assume this role: Principal is `*` and no condition restricts the caller',
            element: `${statementName(statement)}.Principal[*]`,
          })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}
`,
          lines: [8],
        },
        {
          code: `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

resource "aws_iam_role" "shared" {
  name               = "shared"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
`,
        },
        {
          code: `resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }
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
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: sts:AssumeRole
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: 7d1c2f7e-4b0a-4b4e-9f5e-2f8a3f6f0c11
`,
        },
      ],
    },
  },
})
