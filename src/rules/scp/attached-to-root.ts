import { isDeny } from '../../iam/index.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'scp/attached-to-root',
  severity: 'medium',
  title: 'Deny SCP attached to the organization root',
  why: 'An SCP on the root applies to every account at once, including the ones that run security tooling and break-glass access: one mistaken Deny stops the whole organization. Attaching to OUs lets a guardrail be rolled out and tested in stages. Severity: medium: a Deny at the root also binds the management account’s member accounts and break-glass paths; review, not an exposure.',
  fix: 'Attach the SCP to the organizational units that need it (start with a test OU), or waive the finding for guardrails deliberately applied organization-wide.',
  links: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html'],
  check({ aws }, report) {
    for (const scp of aws.organizations.scps) {
      if (!scp.document.statements.some(isDeny)) continue
      for (const target of scp.targets) {
        if (!target.isRoot) continue
        report({ at: target.targetId, resource: scp.meta, message: 'An SCP with Deny statements is attached to the organization root: every account is affected at once', element: 'Target[root]' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_leave" {
  name    = "deny-leave"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.org.roots[0].id
}
`,
          lines: [12],
        },
      ],
      good: [
        {
          code: `resource "aws_organizations_policy" "deny_leave" {
  name    = "deny-leave"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}

resource "aws_organizations_policy_attachment" "workloads" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = "ou-ab12-34cd56ef"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  DenyLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      TargetIds:
        - r-ab12
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `Resources:
  DenyLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      TargetIds:
        - ou-ab12-34cd56ef
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
`,
        },
      ],
    },
  },
})
