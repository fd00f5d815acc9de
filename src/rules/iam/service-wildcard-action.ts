import { allowStatements, entryName, expandAction, hasAccessLevel, hasWildcard, identityDocuments, isAllActions, isWholeServiceOrAll } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** What a wildcard entry is too wide for, or undefined when it only reads. */
function tooWide(pattern: string): string | undefined {
  if (isWholeServiceOrAll(pattern)) return `grants every action of the service`
  const changing = expandAction(pattern).actions.filter((a) => hasAccessLevel(a, ['Write', 'Permissions management']))
  if (changing.length === 0) return undefined
  const shown = changing.slice(0, 4).map((a) => a.name).join(', ')
  return `expands to ${changing.length} Write/Permissions-management action${changing.length > 1 ? 's' : ''} (${shown}${changing.length > 4 ? ', …' : ''})`
}

export default defineRule({
  id: 'iam/service-wildcard-action',
  severity: 'high',
  title: 'Policy grants a whole service or a wildcard of write actions',
  why: '`s3:*` or `iam:Put*` grants every current and future action matching it, including ones that delete data or change permissions. Read-only wildcards (`Describe*`, `List*`, `Get*`) are judged by iam/credentials-exposure and iam/data-exfiltration instead. Severity: high: a whole service or a wildcard of writes includes destructive and permission-changing actions, present and future.',
  fix: 'List the actions the workload needs. The catalog of each service\'s actions is in the Service Authorization Reference.',
  links: ['https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'],
  // What a service wildcard grants (reserved actions, keys, reads, policy writes) goes when the wildcard is replaced by the actions needed.
  subsumes: { within: 'entry', rules: ['iam/critical-action-granted', 'iam/credentials-exposure', 'iam/data-exfiltration', 'iam/resource-exposure'] },
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const statement of allowStatements(document)) {
        for (const action of statement.actions ?? []) {
          if (!isKnown(action) || !hasWildcard(action.value)) continue
          const problem = isAllActions(action.value) ? 'grants every action of every service' : tooWide(action.value)
          if (problem) report({ at: action, resource: document.owner, element: entryName(statement, 'Action', action), message: `"${action.value}" ${problem}` })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "storage" {
  name = "storage"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*", "iam:Put*", "ec2:Describe*"]
      Resource = "arn:aws:s3:::reports/*"
    }]
  })
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "storage" {
  name = "storage"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "ec2:Describe*", "s3:Get*"]
      Resource = "arn:aws:s3:::reports/*"
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
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - dynamodb:*
                  - s3:Delete*
                  - s3:List*
                Resource: "*"
`,
          lines: [18, 19],
        },
      ],
      good: [
        {
          code: `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - dynamodb:GetItem
                  - dynamodb:PutItem
                  - s3:List*
                Resource: arn:aws:dynamodb:eu-west-1:111122223333:table/orders
`,
        },
      ],
    },
  },
})
