import { defineRule } from '../types.js'

export default defineRule({
  id: 'rulebook/waiver-no-reason',
  severity: 'medium',
  title: 'Suppression without a written reason',
  why: 'A suppression hides a finding from every later reader. Without a reason nobody can tell an accepted risk from a silenced alarm, so a suppression without one does not take effect. Severity: medium: an unexplained suppression cannot be reviewed or expired sensibly.',
  fix: 'Write the reason after the rule ID (`# policygate:ignore iam/full-admin break-glass role, approved in SEC-142 until 2025-06-30`) or as `reason:` in CloudFormation `Metadata.policygate.ignore`; or fix the finding and remove the suppression.',
  links: ['https://github.com/policygate/policygate/blob/main/docs/rulebook.md#inline-suppressions'],
  // Reported by the rulebook stage (src/rulebook/judge.ts), which sees every suppression of the model.
  check() {},
  examples: {
    terraform: {
      bad: [
        {
          code: `# policygate:ignore iam/full-admin
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
