import { actionAppliesToResource, expandAction, identityDocuments, isAllActions, isAllResources, isMalformedArn, knownValues, statementName } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'iam/resource-mismatch',
  severity: 'low',
  title: 'Statement\'s actions cannot apply to its resources',
  why: 'When no listed ARN is of a resource type the actions accept (s3:ListBucket on `bucket/*`, an account-level action on an ARN), the statement grants nothing, and the usual "fix" is to widen it to `*`. Severity: low: a statement whose actions cannot apply to its resources grants nothing; it is a mistake to correct, not an exposure.',
  fix: 'Use the ARN of the resource type each action takes (the Service Authorization Reference lists them): the bucket ARN for bucket actions, `bucket/*` for object actions, `*` for actions without resource types.',
  links: ['https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const statement of document.statements) {
        const resources = statement.resources ?? []
        const patterns = knownValues(statement.actions)
        // Judged only when every action and resource is known and well formed, and no action is `*`.
        if (resources.length === 0 || !resources.every(isKnown) || !(statement.actions ?? []).every(isKnown) || patterns.some(isAllActions)) continue
        const arns = resources.map((r) => r.value as string)
        if (arns.some((arn) => isAllResources(arn) || isMalformedArn(arn))) continue
        const actions = patterns.flatMap((p) => expandAction(p).actions)
        if (actions.length === 0 || actions.some((action) => arns.some((arn) => actionAppliesToResource(action, arn)))) continue
        report({
          at: resources[0]!,
          resource: document.owner,
          element: `${statementName(statement)}.Resource`,
          message: `None of ${patterns.join(', ')} can apply to ${arns.join(', ')}: the statement grants nothing`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "lister" {
  name = "lister"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:ListBucket"]
      Resource = ["arn:aws:s3:::reports/*"]
    }]
  })
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "lister" {
  name = "lister"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:ListBucket", "s3:GetObject"]
      Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
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
  QueuePolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: arn:aws:sns:eu-west-1:111122223333:orders
`,
          lines: [10],
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
`,
        },
      ],
    },
  },
})
