import { allowStatements, grantingDocuments, knownValues, statementName } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/not-action-allow',
  severity: 'high',
  title: 'Allow with NotAction grants everything not listed',
  why: 'Allow + NotAction grants every action of every service except the few listed, including actions AWS adds later. It is how PowerUserAccess is built, and is rarely what a workload needs. Severity: high: Allow with NotAction grants every action not listed, present and future, usually far more than intended.',
  fix: 'Replace NotAction with an Action list. To carve exceptions out of a broad grant, use a Deny statement.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html'],
  // What NotAction lets through goes when it becomes an Action list.
  subsumes: { within: 'entry', rules: ['iam/critical-action-granted', 'iam/credentials-exposure', 'iam/data-exfiltration', 'iam/resource-exposure'] },
  check({ aws }, report) {
    for (const document of grantingDocuments(aws)) {
      for (const statement of allowStatements(document)) {
        const first = statement.notActions?.[0]
        if (!first) continue
        const excluded = knownValues(statement.notActions)
        report({
          at: first,
          resource: document.owner,
          element: `${statementName(statement)}.NotAction`,
          message: `Allows every action except ${excluded.length > 0 ? excluded.join(', ') : 'the listed ones'}, on ${statement.resources || statement.notResources ? 'the listed resources' : 'the resource'}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `data "aws_iam_policy_document" "ops" {
  statement {
    not_actions = ["iam:*", "organizations:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["ec2:StartInstances", "ec2:StopInstances"]
    resources = ["arn:aws:ec2:*:111122223333:instance/*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["ec2:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  OpsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            NotAction:
              - iam:*
            Resource: "*"
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  OpsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotAction:
              - ec2:*
            Resource: "*"
          - Effect: Allow
            Action: ec2:StartInstances
            Resource: arn:aws:ec2:*:111122223333:instance/*
`,
        },
      ],
    },
  },
})
