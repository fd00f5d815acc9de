import { foreignPrincipals, isAllow, narrowingConditions, trustPolicies } from '../../iam/index.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'
import { ACCOUNT_LIST_SCHEMA, type TrustedAccountsParams } from '../shared/params.js'

const CONFUSED_DEPUTY_KEYS = ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths']

export default defineRule<TrustedAccountsParams>({
  id: 'iam/trust-cross-account-no-external-id',
  severity: 'high',
  title: 'Cross-account trust without sts:ExternalId or an organization condition',
  why: 'A role that another account may assume without an external ID can be reached through that account by anyone it acts for (the confused-deputy problem); without aws:PrincipalOrgID nothing ties the caller to your organization. Severity: high: a third party trusted without an external ID is a confused deputy: any of its customers can make it assume the role.',
  fix: 'Add `"Condition": {"StringEquals": {"sts:ExternalId": "<agreed id>"}}` for a third party, or `aws:PrincipalOrgID` for accounts of your own organization; list your own accounts in the rulebook\'s trusted_accounts.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html'],
  params: {
    schema: { type: 'object', properties: { trusted_accounts: ACCOUNT_LIST_SCHEMA }, additionalProperties: false },
    defaults: { trusted_accounts: [] },
  },
  check({ aws, params }, report) {
    for (const { document, resource } of trustPolicies(aws)) {
      for (const statement of document.statements) {
        if (!isAllow(statement) || narrowingConditions(statement, (key) => CONFUSED_DEPUTY_KEYS.includes(key)).length > 0) continue
        // Literal accounts only: a principal built from the caller's own account ID is unknown, never foreign.
        for (const { principal, account } of foreignPrincipals(statement, params.trusted_accounts)) {
          report({
            at: principal.value,
            resource,
            message: `Account ${account} may assume this role with no sts:ExternalId or aws:PrincipalOrgID condition`,
            element: `${statementName(statement)}.Principal[${account}]`,
          })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role" "vendor" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
    }]
  })
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role" "vendor" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::999988887777:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "b6c1e0d2-8f7a-4c1e-9d3b-5a2f4e6c8d10" } }
    }]
  })
}
`,
        },
        {
          code: `resource "aws_iam_role" "tooling" {
  name = "tooling"
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
  VendorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                - arn:aws:iam::999988887777:role/scanner
            Action: sts:AssumeRole
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  VendorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::999988887777:role/scanner
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5
`,
        },
        {
          code: `Resources:
  LocalRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: sts:AssumeRole
`,
        },
      ],
    },
  },
})
