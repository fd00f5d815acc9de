import { expandAction, isAllActions, serviceOfPattern, statementName, suggestAction } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

function problemText(pattern: string, problem: string): string {
  if (problem === 'malformed') return `"${pattern}" is not of the form service:action`
  if (problem === 'unknown-service') return `"${pattern}": no AWS service has the prefix "${serviceOfPattern(pattern)}"`
  return `"${pattern}" matches no action of ${serviceOfPattern(pattern)}`
}

export default defineRule({
  id: 'iam/unknown-action',
  severity: 'high',
  title: 'Action matches no real AWS action',
  why: 'IAM accepts a policy with a misspelt action and silently ignores it: an Allow then grants less than intended (and someone widens it with a wildcard), a Deny protects nothing. Severity: high when the ignored action leaves access open (in a Deny’s Action or an Allow’s NotAction); medium when the policy only grants or denies less than written.',
  fix: 'Correct the spelling or the service prefix; the Service Authorization Reference lists every action.',
  links: ['https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      if (document.unknown) continue
      for (const statement of document.statements) {
        for (const [element, entries] of [['Action', statement.actions], ['NotAction', statement.notActions]] as const) {
          for (const entry of entries ?? []) {
            if (!isKnown(entry) || isAllActions(entry.value)) continue
            const { problem } = expandAction(entry.value)
            if (!problem) continue
            const suggestion = suggestAction(entry.value.trim())
            // Ignored in a Deny's Action or an Allow's NotAction, it leaves access open; elsewhere the policy only grants or denies less.
            const widens = (element === 'Action') === (statement.effect.value === 'Deny')
            report({
              ...(widens ? {} : { severity: 'medium' as const }),
              at: entry,
              resource: document.owner,
              element: `${statementName(statement)}.${element}[${entry.value}]`,
              message: `${problemText(entry.value.trim(), problem)}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
            })
          }
        }
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
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObjects",
        "s4:PutObject",
        "dynamodb:Gte*",
        "sqs:SendMessage"
      ]
      Resource = "*"
    }]
  })
}
`,
          lines: [8, 9, 10],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["S3:getobject", "dynamodb:Get*", "sqs:SendMessage"]
      Resource = "arn:aws:s3:::app/*"
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
  QueueDenyPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: sqs:DeleteQueues
            Resource: "*"
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `Resources:
  QueueDenyPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: sqs:DeleteQueue
            Resource: "*"
`,
        },
      ],
    },
  },
})
