import { foreignPrincipals, isAllow, isWholeServiceOrAll, ownAccounts } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'
import { ACCOUNT_LIST_SCHEMA, type TrustedAccountsParams } from '../shared/params.js'

export default defineRule<TrustedAccountsParams>({
  id: 'resource-policy/cross-account-wildcard-action',
  severity: 'high',
  title: 'Another account granted every action on a resource',
  why: 'A resource policy that gives a foreign account `*` or a whole service (`sqs:*`, `kms:*`) lets that account delete the resource, read everything in it and rewrite its policy — far more than any integration needs. Severity: high: the other account can delete the resource and rewrite its policy, far more than an integration needs.',
  fix: 'Grant the foreign account only the actions it uses (`sqs:SendMessage`, `kms:Decrypt`, …). Accounts of your own organization belong in the rulebook\'s trusted_accounts. The resource\'s own account is read from the resource ARNs in the policy; when none names an account, every literal account outside trusted_accounts counts as foreign.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html'],
  params: {
    schema: { type: 'object', properties: { trusted_accounts: ACCOUNT_LIST_SCHEMA }, additionalProperties: false },
    defaults: { trusted_accounts: [] },
  },
  check({ aws, params }, report) {
    for (const policy of aws.resourcePolicies) {
      const own = ownAccounts(policy.document, policy.target)
      for (const statement of policy.document.statements) {
        if (!isAllow(statement)) continue
        const foreign = foreignPrincipals(statement, params.trusted_accounts, own)
        if (foreign.length === 0) continue
        const accounts = [...new Set(foreign.map((f) => f.account))].join(', ')
        for (const action of statement.actions ?? []) {
          if (!isKnown(action) || !isWholeServiceOrAll(action.value)) continue
          report({
            at: action,
            resource: policy.meta,
            message: `Account ${accounts} is granted \`${action.value}\` on this ${policy.service} resource`,
            element: `${statementName(statement)}.Action[${action.value}]`,
          })
        }
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
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
`,
          lines: [12],
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
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
`,
        },
        {
          code: `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
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
            Principal:
              AWS: arn:aws:iam::999988887777:root
            Action:
              - kms:*
            Resource: "*"
`,
          lines: [12],
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
              AWS: arn:aws:iam::999988887777:root
            Action:
              - kms:*
            Resource: "*"
`,
          params: { trusted_accounts: ['999988887777'] },
        },
      ],
    },
  },
})
