import { effectivePermissions, escalationPaths, everyPrincipal, statementName, type EscalationPath, type Grant } from '../../iam/index.js'
import { defineRule } from '../types.js'

const WHO = { role: 'Role', user: 'User', group: 'Group', permissionSet: 'Permission set', policy: 'Whoever holds this policy' } as const

/** Line-independent name of the granting element: the statement and its action entry. */
function grantName(grant: Grant): string {
  return `${grant.document.owner.address}.${statementName(grant.statement)}.${grant.pattern ?? 'NotAction'}`
}

function describe(path: EscalationPath): string {
  return path.steps.map((s) => s.action).join(' + ')
}

export default defineRule({
  id: 'iam/privilege-escalation',
  severity: 'critical',
  title: 'Permissions allow privilege escalation',
  why: 'Some permission sets let a principal give itself more: a new policy version, a policy attached to itself, another user\'s keys, a role passed to compute it controls. Whoever holds them is one API call from administrator, whatever the rest of the policy says. A method counts only when each of its steps is allowed in the request it makes (a role that may be passed only to another service does not count, nor an action on resources it cannot act on). Critical when the method reaches any role, function or project of the account; high when it reaches only named ones, which may or may not be more privileged than the principal.',
  fix: 'Remove the escalating actions, or scope them to resources that cannot lead back to more privilege (named roles for iam:PassRole with an iam:PassedToService condition, no iam:*Policy* on the principal itself), and set a permissions boundary.',
  links: [
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  // The entry that opens an escalation path: what else it grants is part of the same fix.
  subsumes: { within: 'entry', rules: ['iam/service-wildcard-action', 'iam/not-action-allow', 'iam/critical-action-granted', 'iam/credentials-exposure', 'iam/passrole-unrestricted', 'iam/resource-exposure', 'iam/data-exfiltration', 'iam/admin-managed-policy-attached'] },
  check({ aws }, report) {
    for (const principal of everyPrincipal(aws)) {
      const permissions = effectivePermissions(aws, principal)
      // An administrator does not need to escalate: iam/full-admin reports it.
      if (permissions.adminStatement()) continue
      // One finding per granting element: a NotAction statement can open a dozen methods at once.
      const pathsByElement = new Map<Grant['element'], { grant: Grant; paths: EscalationPath[] }>()
      for (const path of escalationPaths(permissions)) {
        const grant = path.steps[0]!.grants[0]!
        const group = pathsByElement.get(grant.element) ?? { grant, paths: [] }
        group.paths.push(path)
        pathsByElement.set(grant.element, group)
      }
      for (const { grant, paths } of pathsByElement.values()) {
        const methods = paths.map((p) => `${p.method.name} (${describe(p)})`)
        const detail = paths.length === 1 ? `${methods[0]}. ${paths[0]!.method.description}.` : `${paths.length} ways: ${methods.join('; ')}.`
        const related = new Map<string, { loc: Grant['element']['loc']; message: string }>()
        for (const path of paths) {
          for (const step of path.steps.slice(1)) {
            const loc = step.grants[0]!.element.loc
            related.set(`${loc.file}:${loc.startLine}:${step.action}`, { loc, message: `grants ${step.action}` })
          }
        }
        // Critical when some method reaches every role or resource of its kind; named targets may or may not be more privileged.
        const reachesAny = paths.some((p) => p.reach === 'any')
        report({
          at: grant.element,
          resource: principal.meta,
          element: `escalation[${grantName(grant)}]`,
          message: `${WHO[principal.kind]} can escalate privileges: ${detail}${reachesAny ? '' : ' Only named resources are reached: whether they are more privileged decides.'}`,
          related: [...related.values()],
          ...(reachesAny ? {} : { severity: 'high' as const }),
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          // A role declared in another configuration, named by both policies: together they escalate.
          code: `resource "aws_iam_role_policy" "pass" {
  name = "pass"
  role = "builder"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "functions" {
  name = "functions"
  role = "builder"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }]
  })
}
`,
          lines: [6],
        },
        {
          // A permission set holding a customer managed policy of the scan by name.
          code: `resource "aws_iam_policy" "policy_admin" {
  name = "policy-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:CreatePolicyVersion"], Resource = "*" }]
  })
}

resource "aws_ssoadmin_permission_set" "ops" {
  name         = "Ops"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_customer_managed_policy_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  customer_managed_policy_reference {
    name = aws_iam_policy.policy_admin.name
    path = "/"
  }
}
`,
          lines: [5],
        },
        {
          // AmazonEC2FullAccess passes no role, but ec2:* rewrites the user data of instances that already run with one.
          code: `resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}
`,
          lines: [11],
        },
        {
          code: `resource "aws_iam_policy" "instance_operator" {
  name = "instance-operator"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:DescribeInstances", "ec2:StopInstances", "ec2:StartInstances", "ec2:ModifyInstanceAttribute"]
      Resource = "*"
    }]
  })
}
`,
          lines: [7],
        },
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
          // The permission set's boundary (a customer managed policy) allows no IAM writes.
          code: `resource "aws_iam_policy" "boundary" {
  name = "ops-boundary"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "ec2:Describe*"], Resource = "*" }]
  })
}

resource "aws_ssoadmin_permission_set" "ops" {
  name         = "Ops"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_permission_set_inline_policy" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:CreatePolicyVersion", "s3:GetObject"], Resource = "*" }]
  })
}

resource "aws_ssoadmin_permissions_boundary_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  permissions_boundary {
    customer_managed_policy_reference {
      name = aws_iam_policy.boundary.name
      path = "/"
    }
  }
}
`,
        },
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
        {
          // Self-service built from data sources, as reusable modules write it: the resource is not known, so not proven to reach other users.
          code: `data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  own_user = "arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:user/$\${aws:username}"
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "self_service" {
  name  = "self-service"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:UpdateLoginProfile"]
      Resource = [local.own_user]
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
          // A new default version of a launch template: instances started from it run its user data with its instance profile.
          code: `Resources:
  TemplateEditor:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - ec2:DescribeLaunchTemplates
              - ec2:CreateLaunchTemplateVersion
              - ec2:ModifyLaunchTemplate
            Resource: "*"
`,
          lines: [11],
        },
        {
          code: `Resources:
  OpsSet:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Ops
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      CustomerManagedPolicyReferences:
        - Name: ops-pass
      InlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ec2:RunInstances
            Resource: "*"
  PassPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: ops-pass
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: "*"
`,
          lines: [23],
        },
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
  OpsSet:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Ops
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      PermissionsBoundary:
        ManagedPolicyArn: arn:aws:iam::aws:policy/ReadOnlyAccess
      InlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - iam:CreatePolicyVersion
              - s3:GetObject
            Resource: "*"
`,
        },
        {
          code: `Resources:
  ScalingOperator:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - lambda:CreateFunction
              - lambda:InvokeFunction
              - datapipeline:CreatePipeline
              - datapipeline:PutPipelineDefinition
              - datapipeline:ActivatePipeline
            Resource: "*"
          - Effect: Allow
            Action: iam:PassRole
            Resource: "*"
            Condition:
              StringEquals:
                iam:PassedToService: application-autoscaling.amazonaws.com
`,
        },
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
