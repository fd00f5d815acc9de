import { conditionsOn, createPermissions, hasWildcard, identityDocuments, isAllActions, isWildcardScope, statementName, type ResourceScope } from '../../iam/index.js'
import type { Statement } from '../../model/policy.js'
import { defineRule } from '../types.js'

/** Every Resource entry is one role, without a wildcard (unknown entries prove nothing either way, so they do not count as named). */
function namesRolesOnly(scope: ResourceScope): boolean {
  return !scope.unknown && scope.except === undefined && scope.patterns.length > 0 && scope.patterns.every((pattern) => !hasWildcard(pattern))
}

function limitsService(statement: Statement): boolean {
  return conditionsOn(statement, 'iam:PassedToService').length > 0
}

export default defineRule({
  id: 'iam/passrole-unrestricted',
  severity: 'high',
  title: 'iam:PassRole on any role or to any service',
  why: 'iam:PassRole decides which roles a principal can hand to EC2, Lambda, ECS, Glue…: with `*`, or with a role pattern and no iam:PassedToService condition, it can give compute it controls any role of the account, or any matching role, including administrators. Roles named one by one are a reviewed list: not reported. Severity: high: passing any role to a service lets the principal act with that role’s permissions, a step of most escalations.',
  fix: 'List the role ARNs the workload passes, and add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}`.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
  check({ aws }, report) {
    for (const document of identityDocuments(aws)) {
      for (const grant of createPermissions([document]).grantsFor('iam:PassRole')) {
        // `*` is iam/full-admin's and iam/service-wildcard-action's finding.
        if (grant.pattern === undefined || isAllActions(grant.pattern)) continue
        const anyRole = isWildcardScope(grant.resources)
        const anyService = !limitsService(grant.statement)
        // Roles named one by one are the fix this rule asks for, with or without a service condition; a pattern (`role/app-*`) still needs one.
        if (!anyRole && (!anyService || namesRolesOnly(grant.resources))) continue
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
  SchedulerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: arn:aws:iam::111122223333:role/nightly-report-task
`,
        },
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
