import type { PasswordPolicy } from '../../model/aws.js'
import { firstLine, isKnown, type Attr } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Params {
  minimum_length: number
  reuse_prevention: number
  /** Days; 0 leaves password age unjudged (CIS v1.4+ and NIST no longer ask for expiry). */
  maximum_age_days: number
  require_character_classes: boolean
}

interface Shortfall {
  attr: Attr<unknown>
  text: string
}

/** Settings below the baseline; unknown values are not judged. */
function shortfalls(policy: PasswordPolicy, params: Params): Shortfall[] {
  const found: Shortfall[] = []
  const setting = (value: Attr<number>, label: string) => (value.explicit ? `${label} ${value.value}` : `${label} not set`)
  if (isKnown(policy.minimumLength) && policy.minimumLength.value < params.minimum_length) {
    found.push({ attr: policy.minimumLength, text: `${setting(policy.minimumLength, 'minimum length')} (needs ≥ ${params.minimum_length})` })
  }
  if (isKnown(policy.reusePrevention) && policy.reusePrevention.value < params.reuse_prevention) {
    found.push({ attr: policy.reusePrevention, text: `${setting(policy.reusePrevention, 'reuse prevention')} (needs ≥ ${params.reuse_prevention})` })
  }
  const age = policy.maxAge
  if (params.maximum_age_days > 0 && isKnown(age) && (age.value === 0 || age.value > params.maximum_age_days)) {
    found.push({ attr: age, text: `${age.value === 0 ? 'maximum age not set' : `maximum age ${age.value} days`} (needs ≤ ${params.maximum_age_days})` })
  }
  if (params.require_character_classes) {
    const classes: [Attr<boolean>, string][] = [
      [policy.requireUppercase, 'uppercase'],
      [policy.requireLowercase, 'lowercase'],
      [policy.requireNumbers, 'numbers'],
      [policy.requireSymbols, 'symbols'],
    ]
    for (const [required, label] of classes) if (required.value === false) found.push({ attr: required, text: `${label} not required` })
  }
  return found
}

export default defineRule<Params>({
  id: 'iam/password-policy-weak',
  severity: 'medium',
  title: 'Account password policy below the CIS baseline',
  why: 'Console passwords of IAM users are guessed and reused. The CIS AWS Foundations Benchmark asks for at least 14 characters and no reuse of the last 24 passwords; the policy is judged as a whole, so every shortfall is listed at once. Severity: medium: weak console passwords are easier to guess; MFA and SSO make them matter less.',
  fix: 'Set `minimum_password_length = 14` and `password_reuse_prevention = 24` (Terraform) or the matching settings of your password policy resource, plus whatever the rulebook adds.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  params: {
    schema: {
      type: 'object',
      properties: {
        minimum_length: { type: 'integer', minimum: 6, maximum: 128 },
        reuse_prevention: { type: 'integer', minimum: 0, maximum: 24 },
        maximum_age_days: { type: 'integer', minimum: 0, maximum: 1095, description: '0 leaves password age unjudged.' },
        require_character_classes: { type: 'boolean', description: 'Also require uppercase, lowercase, numbers and symbols.' },
      },
      additionalProperties: false,
    },
    defaults: { minimum_length: 14, reuse_prevention: 24, maximum_age_days: 0, require_character_classes: false },
  },
  check({ aws, params }, report) {
    for (const policy of aws.iam.passwordPolicies) {
      const found = shortfalls(policy, params)
      if (found.length === 0) continue
      // One finding per policy: at the first weak setting written in the code, else at the resource.
      const written = found.filter((s) => s.attr.explicit).sort((a, b) => a.attr.loc.startLine - b.attr.loc.startLine)
      report({
        at: written[0]?.attr ?? { loc: firstLine(policy.meta.loc) },
        resource: policy.meta,
        message: `Password policy below the baseline: ${found.map((s) => s.text).join('; ')}`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 5
  require_symbols           = true
}
`,
          lines: [3],
        },
        {
          code: `resource "aws_iam_account_password_policy" "strict" {
  require_symbols = true
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
  max_password_age          = 365
}
`,
          lines: [4],
          params: { maximum_age_days: 90 },
        },
      ],
      good: [
        {
          code: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
}
`,
        },
      ],
    },
  },
})
