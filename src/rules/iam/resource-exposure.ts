import { entryGrants, entryName, identityDocuments, isWildcardScope, listNames, rewritesResourceAccess } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/resource-exposure',
  severity: 'high',
  title: 'Policy lets a principal rewrite resource policies on any resource',
  why: 'Actions such as s3:PutBucketPolicy, kms:PutKeyPolicy or lambda:AddPermission decide who else may use a resource. On `*` they let the holder open any bucket, key, queue or function of the account to the internet or another account. Severity: high: rewriting resource policies lets the principal open any resource to another account or to everyone.',
  fix: 'Scope these actions to the resources the workload administers, or leave resource policies to the deployment pipeline.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const { statement, entry, granted } of entryGrants(document)) {
        const exposing = granted.filter(({ action, grant }) => rewritesResourceAccess(action) && isWildcardScope(grant.resources))
        if (exposing.length === 0) continue
        report({
          at: entry,
          resource: document.owner,
          element: entryName(statement, 'Action', entry),
          message: `"${entry.value}" can rewrite who may access any resource: ${listNames(exposing.map((e) => e.action.key))}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketPolicy", "s3:GetBucketPolicy"]
      Resource = "*"
    }]
  })
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketPolicy", "s3:GetBucketPolicy"]
      Resource = "arn:aws:s3:::team-reports"
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
  KeysPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - kms:DescribeKey
              - kms:PutKeyPolicy
            Resource: "*"
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  KeysPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - kms:DescribeKey
              - kms:PutKeyPolicy
            Resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
        },
      ],
    },
  },
})
