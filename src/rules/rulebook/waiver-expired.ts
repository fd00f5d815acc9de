import { defineRule } from '../types.js'

export default defineRule({
  id: 'rulebook/waiver-expired',
  severity: 'high',
  title: 'Waiver or suppression past its expiry date',
  why: 'An exception was granted until a date; after it, the risk it accepted is back in force. The finding it hid is reported again, and this finding points at the stale exception so it is renewed on purpose or removed. Severity: high: the waived finding is back in force and the exception was never renewed.',
  fix: 'Fix the finding and delete the waiver or suppression, or renew it with a new date and a reason the owners agree to (a change that the rulebook\'s CODEOWNERS review).',
  links: ['https://github.com/policygate/policygate/blob/main/docs/rulebook.md#waivers'],
  // Reported by the rulebook stage (src/rulebook/judge.ts), which knows today's date and the waivers.
  check() {},
  examples: {
    terraform: {
      bad: [
        {
          code: `# policygate:ignore iam/full-admin break-glass role, approved in SEC-142 until 2024-01-31
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `# policygate:ignore iam/full-admin break-glass role, approved in SEC-142 until 2999-12-31
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      policygate:
        ignore:
          - rule: iam/full-admin
            reason: break-glass policy, approved in SEC-142
            until: "2024-01-31"
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      policygate:
        ignore:
          - rule: iam/full-admin
            reason: break-glass policy, approved in SEC-142
            until: "2999-12-31"
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`,
        },
      ],
    },
  },
})
