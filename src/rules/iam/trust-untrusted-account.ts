import { accountOfPrincipalValue, foreignPrincipals, isAllow, ownAccounts, trustPolicies } from '../../iam/index.js'
import type { PolicyDocument } from '../../model/policy.js'
import type { ResourceMeta } from '../../model/resource.js'
import type { Attr } from '../../model/source.js'
import { defineRule, type Report } from '../types.js'
import { statementName } from '../shared/elements.js'
import { ACCOUNT_LIST_SCHEMA, type TrustedAccountsParams } from '../shared/params.js'

export default defineRule<TrustedAccountsParams>({
  id: 'iam/trust-untrusted-account',
  severity: 'high',
  title: 'Access granted to an account outside the trusted list',
  why: 'Every account named in a trust or resource policy can act on your resources. An account the organization has not vetted is a standing path in for whoever controls it. Severity: high: an account the organization does not know holds access; whether it is an attacker or a vendor needs a person to decide.',
  fix: 'Remove the account, or add it to the rulebook\'s trusted_accounts after review. The rule is off while trusted_accounts is empty.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html'],
  params: {
    schema: { type: 'object', properties: { trusted_accounts: ACCOUNT_LIST_SCHEMA }, additionalProperties: false },
    defaults: { trusted_accounts: [] },
  },
  check({ aws, params }, report) {
    const trusted = params.trusted_accounts
    if (trusted.length === 0) return
    for (const { document, resource } of trustPolicies(aws)) reportDocument(document, resource, trusted, report)
    for (const policy of aws.resourcePolicies) reportDocument(policy.document, policy.meta, trusted, report, policy.target)
    for (const permission of aws.lambda.permissions) {
      const account = accountOfPrincipalValue(permission.principal.value)
      if (account && !trusted.includes(account)) {
        report({ at: permission.principal, resource: permission.meta, message: `Account ${account} is not in trusted_accounts but may invoke the function`, element: `Principal[${account}]` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::111122223333:role/ci", "arn:aws:iam::444455556666:root"] }
      Condition = { StringEquals = { "sts:ExternalId" = "deploy-7f3a" } }
    }]
  })
}
`,
          lines: [8],
          params: { trusted_accounts: ['111122223333'] },
        },
        {
          code: `resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "444455556666" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
`,
          lines: [7],
          params: { trusted_accounts: ['111122223333'] },
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
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
          params: { trusted_accounts: ['111122223333'] },
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::444455556666:root
            Action: sns:Publish
            Resource: !Ref Topic
`,
          lines: [14],
          params: { trusted_accounts: ['111122223333'] },
        },
      ],
      good: [
        {
          code: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: sns:Publish
            Resource: !Ref Topic
`,
          params: { trusted_accounts: ['111122223333'] },
        },
      ],
    },
  },
})

function reportDocument(document: PolicyDocument, owner: ResourceMeta, trusted: readonly string[], report: (finding: Report) => void, target?: Attr<string>) {
  const own = ownAccounts(document, target)
  for (const statement of document.statements) {
    if (!isAllow(statement)) continue
    for (const { principal, account } of foreignPrincipals(statement, trusted, own)) {
      report({
        at: principal.value,
        resource: owner,
        message: `Account ${account} is not in trusted_accounts but is granted access here`,
        element: `${statementName(statement)}.Principal[${account}]`,
      })
    }
  }
}
