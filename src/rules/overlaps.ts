/*
 * Rules that fire on the same element and both stand: each says something the other does not, and
 * fixing one leaves the other. The other overlaps are subsumptions, declared by the stronger rule
 * (`subsumes`). test/rules/overlaps.test.ts fails on a pair that is neither, so a new rule must decide.
 * Findings that stand on one line still share one review comment and one code frame.
 */

export interface Standing {
  /** With `with`: each of these stands with each of those; without: every pair of these stands. */
  rules: string[]
  with?: string[]
  reason: string
}

export const STANDING: Standing[] = [
  {
    rules: ['iam/wildcard-resource-write'],
    with: [
      'iam/service-wildcard-action', 'iam/critical-action-granted', 'iam/credentials-exposure', 'iam/data-exfiltration', 'iam/resource-exposure',
      'iam/privilege-escalation', 'iam/passrole-unrestricted', 'iam/unknown-action', 'iam/invalid-condition',
    ],
    reason: 'The Resource is a second fix: listing the actions the workload needs does not scope the resources they act on, nor the reverse',
  },
  {
    rules: ['iam/data-exfiltration', 'iam/resource-exposure'],
    reason: 'Reading data out and opening resource policies to others are different actions, usually in different entries of the statement',
  },
  {
    rules: ['iam/not-resource-allow'],
    with: ['iam/not-action-allow', 'iam/data-exfiltration'],
    reason: 'NotResource is its own element with its own fix; what the actions do is judged on their own entries',
  },
  {
    rules: ['iam/invalid-policy'],
    with: [
      'resource-policy/public', 'apigw/resource-policy-public', 'vpce/policy-no-org-boundary', 'resource-policy/not-principal-allow',
      'iam/trust-public', 'iam/trust-cross-account-no-external-id', 'iam/trust-untrusted-account',
    ],
    reason: 'A policy AWS rejects or reads differently is a grammar fix; the access the statement means to grant is judged as written and needs its own fix',
  },
  {
    rules: ['trail/bucket-public-or-unlogged'],
    with: ['resource-policy/public', 's3/public-access-block-missing'],
    reason: 'The trail rule judges the audit log: who can read or erase the record of every call; the bucket rules judge public data access in general',
  },
  {
    rules: [
      'apigw/execution-logging-off', 'apigw/no-waf', 'apigw/stage-no-access-logs', 'apigw/stage-no-throttling', 'apigw/stage-no-tracing', 'apigw/no-resource-policy',
      'apigw/method-no-auth', 'apigw/route-no-auth',
    ],
    reason: 'Each is a different setting of the API, its stage or its methods, with its own fix (a SAM implicit API writes them all on one line)',
  },
  {
    rules: ['trail/logging-disabled', 'trail/not-encrypted', 'trail/not-multi-region', 'trail/no-cloudwatch-logs', 'trail/no-data-events', 'trail/log-validation-disabled', 'trail/global-events-disabled', 'monitoring/api-alarms-missing'],
    reason: 'Each is a different setting of the trail (or the alarms on it), with its own fix',
  },
  { rules: ['waf/logging-disabled', 'waf/no-managed-rules'], reason: 'Logging and rules are different settings of the web ACL, with their own fixes' },
  { rules: ['vpce/policy-full-access', 'vpce/private-dns-disabled'], reason: 'The endpoint policy and its DNS are different settings, with their own fixes' },
  { rules: ['scp/region-restriction-missing', 'scp/required-guardrail-missing'], reason: 'Each names a different guardrail the organization lacks' },
]

/** True when the table says `a` and `b` both stand where they meet. */
export function standTogether(a: string, b: string): boolean {
  return STANDING.some(({ rules, with: others }) =>
    others ? (rules.includes(a) && others.includes(b)) || (rules.includes(b) && others.includes(a)) : rules.includes(a) && rules.includes(b))
}
