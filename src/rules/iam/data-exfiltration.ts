import { BULK_READ_ACTIONS, entryGrants, entryName, identityDocuments, isWildcardScope, listNames } from '../../iam/index.js'
import { defineRule } from '../types.js'

const BULK_READS = new Set(BULK_READ_ACTIONS.map((a) => a.toLowerCase()))

export default defineRule({
  id: 'iam/data-exfiltration',
  severity: 'medium',
  title: 'Bulk data reads granted on every resource',
  why: 's3:GetObject, dynamodb:Scan, sqs:ReceiveMessage and similar on `*` read every object, table, queue and stream of the account, not just the workload\'s own: one compromised credential copies all of it. Severity: medium: bulk reads on every resource let a compromised principal copy data out, but do not change anything.',
  fix: 'Name the buckets, tables, queues and streams the workload reads in Resource.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const { statement, entry, granted } of entryGrants(document)) {
        const reads = granted.filter(({ action, grant }) => BULK_READS.has(action.key.toLowerCase()) && isWildcardScope(grant.resources))
        if (reads.length === 0) continue
        report({
          at: entry,
          resource: document.owner,
          element: entryName(statement, 'Action', entry),
          message: `"${entry.value}" reads data from every resource: ${listNames(reads.map((r) => r.action.key))}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:Get*", "s3:ListBucket"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  TablesPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - dynamodb:Scan
              - dynamodb:DescribeTable
            Resource: "*"
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  TablesPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - dynamodb:Scan
              - dynamodb:DescribeTable
            Resource: arn:aws:dynamodb:eu-west-1:111122223333:table/orders
`,
        },
      ],
    },
  },
})
