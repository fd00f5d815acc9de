import { effectivePermissions, escalationPaths, everyPrincipal, type EscalationPath } from '../../iam/index.js'
import { defineRule } from '../types.js'

const WHO = { role: 'Role', user: 'User', group: 'Group', policy: 'Whoever holds this policy' } as const

function describe(path: EscalationPath): string {
  return path.steps.map((s) => s.action).join(' + ')
}

export default defineRule({
  id: 'iam/privilege-escalation',
  severity: 'critical',
  title: 'Permissions allow privilege escalation',
  why: 'Some permission sets let a principal give itself more: a new policy version, a policy attached to itself, another user\'s keys, a role passed to compute it controls. Whoever holds them is one API call from administrator, whatever the rest of the policy says.',
  fix: 'Remove the escalating actions, or scope them to resources that cannot lead back to more privilege (named roles for iam:PassRole with an iam:PassedToService condition, no iam:*Policy* on the principal itself), and set a permissions boundary.',
  links: [
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  check({ aws }, report) {
    for (const principal of everyPrincipal(aws)) {
      const permissions = effectivePermissions(aws, principal)
      // An administrator does not need to escalate: iam/full-admin reports it.
      if (permissions.adminStatement()) continue
      for (const path of escalationPaths(permissions)) {
        const grants = path.steps.map((s) => s.grants[0]!)
        const [first, ...others] = grants
        report({
          at: first!.element,
          resource: principal.meta,
          element: `escalation[${path.method.id}]`,
          message: `${WHO[principal.kind]} can escalate privileges (${path.method.name}): ${describe(path)}. ${path.method.description}.`,
          related: others.map((g, i) => ({ loc: g.element.loc, message: `grants ${path.steps[i + 1]!.action}` })),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "policy_admin" {
  name = "policy-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreatePolicyVersion", "iam:GetPolicy"]
      Resource = "arn:aws:iam::111122223333:policy/*"
    }]
  })
}
`,
          lines: [7],
        },
        {
          code: `resource "aws_iam_role" "builder" {
  name = "builder"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "pass" {
  name = "pass"
  role = aws_iam_role.builder.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "functions" {
  name = "functions"
  role = aws_iam_role.builder.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }]
  })
}
`,
          lines: [14],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "policy_reader" {
  name = "policy-reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:Get*", "iam:List*", "iam:CreatePolicyVersion"]
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = "iam:CreatePolicyVersion"
        Resource = "*"
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
  LauncherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
  LaunchPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref LauncherRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ec2:RunInstances
            Resource: "*"
`,
          lines: [17],
        },
      ],
      good: [
        {
          code: `Resources:
  LauncherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: launch
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - ec2:RunInstances
                  - ec2:DescribeInstances
                Resource: "*"
`,
        },
      ],
    },
  },
})
