import type { PolicyAttachment } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { awsManagedPolicyName } from '../../iam/index.js'
import { isUnknown, type Maybe } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Params {
  policies: string[]
}

/** An AWS managed policy's name from its ARN (or an ARN with an unknown partition); SAM also accepts the bare name. */
function managedPolicyName(arnOrName: Maybe<string>): string | undefined {
  if (isUnknown(arnOrName)) return awsManagedPolicyName(arnOrName)
  const name = arnOrName.trim()
  return awsManagedPolicyName(name) ?? (/^[\w+=,.@-]+$/.test(name) ? name : undefined)
}

export default defineRule<Params>({
  id: 'iam/admin-managed-policy-attached',
  severity: 'high',
  title: 'Administrator-level AWS managed policy attached',
  why: 'AdministratorAccess, PowerUserAccess and IAMFullAccess grant (or let the holder grant itself) nearly every action in the account. Attached to a role, user or group, one leaked credential or one compromised workload is a compromised account. Severity: high: the principal holds administrator-level access, often by design for a deployment role, which is why it is not critical like an inline `*` on `*` written by hand.',
  fix: 'Attach a policy scoped to the actions and resources the principal needs; keep administrator access to a few break-glass roles that the rulebook waives explicitly.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html'],
  params: {
    schema: {
      type: 'object',
      properties: { policies: { type: 'array', items: { type: 'string' }, description: 'AWS managed policy names that count as administrator-level.' } },
      additionalProperties: false,
    },
    defaults: { policies: ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'] },
  },
  check({ aws, params }, report) {
    const flagged = new Set(params.policies.map((name) => name.toLowerCase()))
    const principals: { meta: ResourceMeta; kind: string; managedPolicies: PolicyAttachment[] }[] = [
      ...aws.iam.roles.map((r) => ({ ...r, kind: 'role' })),
      ...aws.iam.users.map((u) => ({ ...u, kind: 'user' })),
      ...aws.iam.groups.map((g) => ({ ...g, kind: 'group' })),
      ...aws.iam.permissionSets.map((p) => ({ ...p, kind: 'permission set' })),
    ]
    for (const principal of principals) {
      for (const attachment of principal.managedPolicies) {
        const name = managedPolicyName(attachment.policyArn.value)
        if (!name || !flagged.has(name.toLowerCase())) continue
        report({
          at: attachment.policyArn,
          resource: attachment.meta,
          message: `${name} is attached to ${principal.kind} ${principal.meta.address}`,
          element: `${principal.meta.address}.ManagedPolicy[${name}]`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          // Principals declared in another configuration: a role by name, a group by a variable, a permission set by its ARN.
          code: `variable "operators_group" {
  type    = string
  default = "operators"
}

resource "aws_iam_role_policy_attachment" "deployer_admin" {
  role       = "deployer"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "operators_iam" {
  group      = var.operators_group
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_ssoadmin_managed_policy_attachment" "platform_admin" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
          lines: [8, 13, 19],
        },
        {
          code: `resource "aws_ssoadmin_permission_set" "power" {
  name         = "PowerUser"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_managed_policy_attachment" "power" {
  instance_arn       = aws_ssoadmin_permission_set.power.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.power.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}
`,
          lines: [9],
        },
        {
          code: `resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
          lines: [8],
        },
        {
          // The module attaches whatever its caller passes: the finding is where the caller writes it.
          code: `module "ci_role" {
  source         = "./modules/role"
  name           = "ci"
  managed_policy = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
          lines: [4],
          files: {
            'modules/role/main.tf': `variable "name" {}

variable "managed_policy" {
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = var.managed_policy
}
`,
          },
        },
      ],
      good: [
        {
          code: `resource "aws_ssoadmin_permission_set" "readers" {
  name         = "Readers"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_managed_policy_attachment" "readers" {
  instance_arn       = aws_ssoadmin_permission_set.readers.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.readers.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "auditor_read" {
  role       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
`,
        },
        {
          code: `resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "ci_read" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
        },
        {
          code: `module "ci_role" {
  source         = "./modules/role"
  name           = "ci"
  managed_policy = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
          files: {
            'modules/role/main.tf': `variable "name" {}

variable "managed_policy" {
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = var.managed_policy
}
`,
          },
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  PlatformAdmins:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: PlatformAdmins
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      ManagedPolicies:
        - arn:aws:iam::aws:policy/AdministratorAccess
`,
          lines: [8],
        },
        {
          code: `Resources:
  Operators:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - arn:aws:iam::aws:policy/IAMFullAccess
`,
          lines: [7],
        },
        {
          code: `Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: codebuild.amazonaws.com
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
`,
          lines: [13],
        },
      ],
      good: [
        {
          code: `Resources:
  Readers:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Readers
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      ManagedPolicies:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
`,
        },
        {
          code: `Resources:
  Operators:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
`,
        },
      ],
    },
  },
})
