import { conditionsOn, createPermissions, identityDocuments, isAllActions, isWildcardScope, statementName } from '../../iam/index.js'
import type { Statement } from '../../model/policy.js'
import { defineRule } from '../types.js'

function limitsService(statement: Statement): boolean {
  return conditionsOn(statement, 'iam:PassedToService').length > 0
}

export default defineRule({
  id: 'iam/passrole-unrestricted',
  severity: 'high',
  title: 'iam:PassRole on any role or to any service',
  why: 'iam:PassRole decides which roles a principal can hand to EC2, Lambda, ECS, Glue…: with `*`, or without an iam:PassedToService condition, it can give compute it controls any role of the account, including administrators. Severity: high: passing any role to a service lets the principal act with that role’s permissions, a step of most escalations.',
  fix: 'List the role ARNs the workload passes, and add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}`.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const grant of createPermissions([document]).grantsFor('iam:PassRole')) {
        // `*` is iam/full-admin's and iam/service-wildcard-action's finding.
        if (grant.pattern === undefined || isAllActions(grant.pattern)) continue
        const anyRole = isWildcardScope(grant.resources)
        const anyService = !limitsService(grant.statement)
        if (!anyRole && !anyService) continue
        const what = [anyRole ? 'any role ("*")' : '', anyService ? 'to any service (no iam:PassedToService condition)' : ''].filter(Boolean).join(' and ')
        report({
          at: grant.element,
          resource: document.owner,
          element: `${statementName(grant.statement)}.Action[${grant.pattern}]`,
          message: `"${grant.pattern}" lets this principal pass ${what}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
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
          code: `resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::111122223333:role/app-task"
      Condition = {
        StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
      }
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
  DeployerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - iam:GetRole
              - iam:PassRole
            Resource: arn:aws:iam::111122223333:role/app-*
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  DeployerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: arn:aws:iam::111122223333:role/app-*
            Condition:
              StringEquals:
                iam:PassedToService: lambda.amazonaws.com
`,
        },
      ],
    },
  },
})
