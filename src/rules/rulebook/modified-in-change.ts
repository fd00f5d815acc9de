import { defineRule } from '../types.js'

export default defineRule({
  id: 'rulebook/modified-in-change',
  severity: 'high',
  title: 'The change edits the rulebook or adds a suppression',
  why: 'A pull request must not be able to loosen the policy it is judged by. The rulebook, the rule packs it names and the presets are read from the base branch, so the change is judged by the old rulebook; this finding tells reviewers that the policy itself changes, so the security owners review it (route the files to them with CODEOWNERS). Severity: high: a change to the rules or a new suppression can switch the gate off; it needs an owner’s review.',
  fix: 'Nothing to fix in the code: have the rulebook\'s owners review the change. The new rulebook or suppression takes effect once it is merged.',
  links: ['https://github.com/policygate/policygate/blob/main/docs/rulebook.md#tamper-proof-in-pull-requests'],
  // Reported in pull-request mode by modifiedInChange (src/rulebook/change.ts), which compares base and head.
  check() {},
  examples: {
    terraform: {
      bad: [
        {
          base: `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`,
          code: `# policygate:ignore iam/full-admin temporary, for the migration
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
          base: `# policygate:ignore iam/full-admin break-glass role, approved in SEC-142
resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`,
          code: `# policygate:ignore iam/full-admin break-glass role, approved in SEC-142
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`,
        },
      ],
    },
  },
})
