import { defineRule } from '../types.js'

export interface ForeignSuppressionParams {
  honour_foreign_suppressions: boolean
}

export default defineRule<ForeignSuppressionParams>({
  id: 'rulebook/foreign-suppression',
  severity: 'info',
  title: 'Suppression written for Checkov or Trivy',
  why: 'A `#checkov:skip=` or `#trivy:ignore:` comment (or Checkov `Metadata`) for a check that covers the same risk as a policygate rule is honoured as a suppression of that rule, with the reason it gives, so a team that moves from those tools keeps its accepted risks. Listing them lets the team convert them, so that the exception is written in the form this rulebook governs.',
  fix: 'Rewrite it as `# policygate:ignore <rule-id> <reason> [until YYYY-MM-DD]` (CloudFormation: `Metadata.policygate.ignore`) once the other tool is gone. `honour_foreign_suppressions: false` in this rule\'s params makes them hide nothing. The mapping is in docs/migration.md.',
  links: ['https://github.com/policygate/policygate/blob/main/docs/migration.md'],
  params: {
    schema: { type: 'object', properties: { honour_foreign_suppressions: { type: 'boolean' } }, additionalProperties: false },
    defaults: { honour_foreign_suppressions: true },
  },
  // Reported by the rulebook stage (src/rulebook/judge.ts), which sees every suppression of the model.
  check() {},
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "audit" {
  #checkov:skip=CKV_AWS_36:digests are validated by the log archive account
  name                       = "audit"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = false
}

#trivy:ignore:AVD-AWS-0014 single-region sandbox
resource "aws_cloudtrail" "sandbox" {
  name                       = "sandbox"
  s3_bucket_name             = "sandbox-logs"
  enable_log_file_validation = true
  is_multi_region_trail      = false
}
`,
          lines: [2, 8],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudtrail" "audit" {
  # policygate:ignore trail/log-validation-disabled digests are validated by the log archive account
  name                       = "audit"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = false
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Audit:
    Type: AWS::CloudTrail::Trail
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_36
            comment: digests are validated by the log archive account
    Properties:
      IsLogging: true
      S3BucketName: audit-logs
      EnableLogFileValidation: false
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `Resources:
  Audit:
    Type: AWS::CloudTrail::Trail
    Metadata:
      policygate:
        ignore:
          - rule: trail/log-validation-disabled
            reason: digests are validated by the log archive account
    Properties:
      IsLogging: true
      S3BucketName: audit-logs
      EnableLogFileValidation: false
`,
        },
      ],
    },
  },
})
