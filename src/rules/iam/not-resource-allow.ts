import { allowStatements, grantingDocuments, knownValues, statementName } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/not-resource-allow',
  severity: 'medium',
  title: 'Allow with NotResource grants every other resource',
  why: 'Allow + NotResource grants the actions on every resource except those listed, in every service the actions reach, including resources created later. Severity: medium: NotResource widens the scope to every other resource, but the actions are still the listed ones.',
  fix: 'List the resources in Resource. To exclude some resources from a broad grant, add a Deny statement for them.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html'],
  check({ aws }, report) {
    for (const document of grantingDocuments(aws)) {
      for (const statement of allowStatements(document)) {
        const first = statement.notResources?.[0]
        if (!first) continue
        const excluded = knownValues(statement.notResources)
        report({
          at: first,
          resource: document.owner,
          element: `${statementName(statement)}.NotResource`,
          message: `Allows its actions on every resource except ${excluded.length > 0 ? excluded.join(', ') : 'the listed ones'}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "buckets" {
  name = "buckets"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = ["s3:GetObject"]
      NotResource = ["arn:aws:s3:::payroll/*"]
    }]
  })
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "buckets" {
  name = "buckets"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["arn:aws:s3:::reports/*"]
      },
      {
        Effect      = "Deny"
        Action      = ["s3:*"]
        NotResource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
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
  BucketsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            NotResource: arn:aws:s3:::payroll/*
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  BucketsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
`,
        },
      ],
    },
  },
})
