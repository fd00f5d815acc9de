import { redundancies, statementName } from '../../iam/index.js'
import { formatLoc } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/redundant-statement',
  severity: 'info',
  title: 'Statement or entry already covered by another',
  why: 'A statement or action that another one already grants adds nothing but length: it hides what the policy really allows and counts against the size limit. Often it is the trace of a wildcard added later. Severity: info: redundancy grants nothing extra; it only makes the policy harder to review.',
  fix: 'Delete the covered statement or entry, or narrow the wider one if it was not meant to cover it.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html'],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      if (document.unknown) continue
      for (const found of redundancies(document)) {
        const where = statementName(found.statement)
        report({
          at: found.redundant,
          resource: document.owner,
          element: found.kind === 'statement' ? where : `${where}.${found.kind === 'action' ? 'Action' : 'Resource'}[${found.text}]`,
          message:
            found.kind === 'statement'
              ? `This statement is fully covered by the one at ${formatLoc(found.coveredBy.loc)}`
              : `"${found.text}" is already covered by another entry of the same statement (${formatLoc(found.coveredBy.loc)})`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:Get*", "s3:GetObject"]
        Resource = "arn:aws:s3:::reports/*"
      },
      {
        Effect   = "Allow"
        Action   = "s3:GetObjectVersion"
        Resource = "arn:aws:s3:::reports/2024/*"
      }
    ]
  })
}
`,
          lines: [8, 11],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::reports/*"
      },
      {
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::reports"
      }
    ]
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
  QueuePolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sqs:*
            Resource: arn:aws:sqs:eu-west-1:111122223333:orders
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: arn:aws:sqs:eu-west-1:111122223333:orders
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  QueuePolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: arn:aws:sqs:eu-west-1:111122223333:orders
          - Effect: Allow
            Action: sqs:ReceiveMessage
            Resource: arn:aws:sqs:eu-west-1:111122223333:orders-dlq
`,
        },
      ],
    },
  },
})
