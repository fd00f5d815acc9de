import { allowStatements, expandAction, hasAccessLevel, identityDocuments, isAllResources, knownValues, MUTATING_LEVELS, resourceScopingConditions, statementName } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/wildcard-resource-write',
  severity: 'high',
  title: 'Write actions granted on every resource',
  why: 'Write, Permissions-management and Tagging actions on `*` reach every bucket, table or key of the account, today\'s and tomorrow\'s, although these actions can be limited to named resources. Severity: high: write actions on every resource reach resources of other teams and workloads in the account.',
  fix: 'Replace `*` with the ARNs of the resources the workload writes (wildcards inside an ARN, like `arn:aws:s3:::app-*/*`, are fine), or keep `*` with a condition on the resource\'s tags (`aws:ResourceTag/…`) or a service key that scopes it.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const statement of allowStatements(document)) {
        const wildcard = (statement.resources ?? []).find((r) => isKnown(r) && isAllResources(r.value))
        const patterns = knownValues(statement.actions)
        // NotAction is iam/not-action-allow's; `*` on `*` is folded into iam/full-admin's finding.
        // A tag or service-specific condition scopes what `*` reaches, as AWS documents for actions like ec2:TerminateInstances.
        if (!wildcard || resourceScopingConditions(statement).length > 0) continue
        const scopable = patterns
          .flatMap((p) => expandAction(p).actions)
          .filter((a) => hasAccessLevel(a, MUTATING_LEVELS) && a.resourceTypes.length > 0)
        const names = [...new Set(scopable.map((a) => a.key))]
        if (names.length === 0) continue
        const shown = names.slice(0, 5).join(', ')
        report({
          at: wildcard,
          resource: document.owner,
          element: `${statementName(statement)}.Resource[*]`,
          message: `${names.length} write action${names.length > 1 ? 's' : ''} that can be scoped to resources ${names.length > 1 ? 'are' : 'is'} granted on "*": ${shown}${names.length > 5 ? ', …' : ''}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role_policy" "writer" {
  name = "writer"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject"]
      Resource = "*"
    }]
  })
}
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role_policy" "writer" {
  name = "writer"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:DeleteObject"]
        Resource = "arn:aws:s3:::uploads/*"
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:DescribeInstances", "xray:PutTraceSegments"]
        Resource = "*"
      }
    ]
  })
}
`,
        },
        {
          // A node autoscaler may scale only the groups tagged as its cluster's: the tag condition scopes `*`.
          code: `data "aws_iam_policy_document" "autoscaler" {
  statement {
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "autoscaling:ResourceTag/kubernetes.io/cluster/prod"
      values   = ["owned"]
    }
  }
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  WriterPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - dynamodb:PutItem
              - dynamodb:DeleteItem
            Resource: "*"
`,
          lines: [12],
        },
      ],
      good: [
        {
          code: `Resources:
  WriterPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - dynamodb:PutItem
              - dynamodb:DeleteItem
            Resource: arn:aws:dynamodb:eu-west-1:111122223333:table/orders
`,
        },
      ],
    },
  },
})
