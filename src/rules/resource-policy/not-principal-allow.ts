import { isAllow } from '../../iam/index.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'

export default defineRule({
  id: 'resource-policy/not-principal-allow',
  severity: 'high',
  title: 'Allow with NotPrincipal',
  why: '`"Effect": "Allow"` with NotPrincipal grants access to every principal in the world except the few listed, including anonymous callers: almost never what the author meant. Severity: high: Allow with NotPrincipal grants everyone not listed, anonymous users included.',
  fix: 'Name the principals that need access in Principal; use NotPrincipal, if at all, only with Deny.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html'],
  check({ aws }, report) {
    for (const document of aws.policyDocuments) {
      // SCPs reject NotPrincipal outright (scp/invalid-element); identity policies reject any principal (iam/invalid-policy).
      if (document.kind === 'scp' || document.kind === 'identity' || document.kind === 'boundary') continue
      for (const statement of document.statements) {
        const first = statement.notPrincipals?.[0]
        if (!isAllow(statement) || !first) continue
        report({ at: first.value, resource: document.owner, message: 'Allow with NotPrincipal grants access to everyone except the listed principals', element: `${statementName(statement)}.NotPrincipal` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/intruder" }
      Action       = "sqs:SendMessage"
      Resource     = aws_sqs_queue.jobs.arn
    }]
  })
}
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Deny"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/producer" }
      Action       = "sqs:SendMessage"
      Resource     = aws_sqs_queue.jobs.arn
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
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:user/contractor
            Action: kms:Decrypt
            Resource: "*"
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: "*"
`,
        },
      ],
    },
  },
})
