import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'

// AWS Organizations quota: an SCP document holds at most 5,120 characters (whitespace outside strings not counted).
const SCP_MAX_CHARACTERS = 5120

export default defineRule({
  id: 'scp/invalid-element',
  severity: 'high',
  title: 'SCP uses an element SCPs do not support, or is too large',
  why: 'Organizations rejects an SCP that names a Principal or NotPrincipal (an SCP always applies to every principal of the accounts it is attached to) or that exceeds the size quota, so the guardrail the author meant is never put in place. Severity: high: Organizations rejects the policy, so the guardrail it was meant to add does not exist.',
  fix: 'Drop Principal/NotPrincipal and express exceptions with a condition on aws:PrincipalArn; split an oversized SCP into several (up to five per target).',
  links: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html',
  ],
  check({ aws }, report) {
    for (const scp of aws.organizations.scps) {
      for (const statement of scp.document.statements) {
        for (const [element, entries] of [['Principal', statement.principals], ['NotPrincipal', statement.notPrincipals]] as const) {
          const first = entries?.[0]
          if (!first) continue
          report({ at: first.value, resource: scp.meta, message: `${element} is not supported in an SCP: it applies to every principal in the target accounts`, element: `${statementName(statement)}.${element}` })
        }
      }
      const size = scp.document.size
      if (size !== undefined && size > SCP_MAX_CHARACTERS) {
        report({ at: scp.document, resource: scp.meta, message: `SCP is ${size} characters; Organizations accepts at most ${SCP_MAX_CHARACTERS}`, element: 'Size' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "organizations:LeaveOrganization"
      Resource  = "*"
    }]
  })
}
`,
          lines: [8],
        },
      ],
      good: [
        {
          code: `resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
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
  DenyLeave:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:role/admin
            Action: organizations:LeaveOrganization
            Resource: "*"
`,
          lines: [12],
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
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
            Condition:
              ArnNotLike:
                aws:PrincipalArn: arn:aws:iam::*:role/admin
`,
        },
      ],
    },
  },
})
