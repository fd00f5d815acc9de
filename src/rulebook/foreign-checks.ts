/*
 * Which Checkov and Trivy checks cover the same risk as a policygate rule, read from the checks' public
 * documentation (Checkov's policy index, Trivy's AVD pages). It serves two purposes: docs/migration.md
 * prints it (a test keeps the two equal), and inline `#checkov:skip=` / `#trivy:ignore:` comments for a
 * listed check suppress the policygate rules it maps to, with the reason the comment gives.
 * A rule without a counterpart is simply absent.
 */

export type ForeignTool = 'checkov' | 'trivy'

export interface ForeignChecks {
  checkov: string[]
  trivy: string[]
}

export const FOREIGN_CHECKS: Record<string, ForeignChecks> = {
  'apigw/cache-unencrypted': { checkov: [], trivy: ['AVD-AWS-0002'] },
  'apigw/method-no-auth': { checkov: ['CKV_AWS_59'], trivy: ['AVD-AWS-0004'] },
  'apigw/no-waf': { checkov: ['CKV2_AWS_29'], trivy: [] },
  'apigw/outdated-tls': { checkov: [], trivy: ['AVD-AWS-0005'] },
  'apigw/stage-data-trace': { checkov: ['CKV_AWS_276'], trivy: [] },
  'apigw/stage-no-access-logs': { checkov: ['CKV_AWS_76', 'CKV_AWS_95'], trivy: ['AVD-AWS-0001', 'AVD-AWS-0113', 'AVD-AWS-0116'] },
  'apigw/stage-no-tracing': { checkov: ['CKV_AWS_73'], trivy: ['AVD-AWS-0003', 'AVD-AWS-0111'] },
  'iam/admin-managed-policy-attached': { checkov: ['CKV_AWS_274'], trivy: [] },
  'iam/credentials-exposure': { checkov: ['CKV_AWS_107'], trivy: [] },
  'iam/data-exfiltration': { checkov: ['CKV_AWS_108', 'CKV_AWS_288'], trivy: [] },
  'iam/full-admin': { checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_63'], trivy: [] },
  'iam/oidc-github-unrestricted': { checkov: ['CKV_AWS_358'], trivy: [] },
  'iam/password-policy-weak': {
    checkov: ['CKV_AWS_9', 'CKV_AWS_10', 'CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_13', 'CKV_AWS_14', 'CKV_AWS_15'],
    trivy: ['AVD-AWS-0056', 'AVD-AWS-0058', 'AVD-AWS-0059', 'AVD-AWS-0060', 'AVD-AWS-0061', 'AVD-AWS-0062', 'AVD-AWS-0063'],
  },
  'iam/privilege-escalation': { checkov: ['CKV_AWS_110', 'CKV_AWS_286'], trivy: [] },
  'iam/resource-exposure': { checkov: ['CKV_AWS_109', 'CKV_AWS_289'], trivy: [] },
  'iam/service-wildcard-action': { checkov: ['CKV_AWS_63'], trivy: ['AVD-AWS-0057', 'AVD-AWS-0114', 'AVD-AWS-0120', 'AVD-AWS-0345'] },
  'iam/trust-public': { checkov: ['CKV_AWS_60', 'CKV_AWS_61'], trivy: [] },
  'iam/user-access-key': { checkov: ['CKV_AWS_348'], trivy: ['AVD-AWS-0141'] },
  'iam/user-direct-policy': { checkov: ['CKV_AWS_40'], trivy: ['AVD-AWS-0143'] },
  'iam/wildcard-resource-write': { checkov: ['CKV_AWS_111', 'CKV_AWS_355', 'CKV_AWS_356'], trivy: [] },
  'lambda/function-url-no-auth': { checkov: ['CKV_AWS_258'], trivy: [] },
  'lambda/permission-unscoped': { checkov: ['CKV_AWS_364'], trivy: ['AVD-AWS-0067'] },
  'resource-policy/cross-account-wildcard-action': { checkov: [], trivy: ['AVD-AWS-0097'] },
  'resource-policy/public': { checkov: ['CKV_AWS_32', 'CKV_AWS_33'], trivy: ['AVD-AWS-0032', 'AVD-AWS-0097'] },
  's3/public-access-block-missing': {
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_6'],
    trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
  },
  'secrets/hardcoded-aws-key': { checkov: ['CKV_AWS_46'], trivy: ['AVD-AWS-0029', 'AVD-AWS-0129'] },
  'secrets/hardcoded-credential': { checkov: ['CKV_AWS_46'], trivy: ['AVD-AWS-0029', 'AVD-AWS-0122', 'AVD-AWS-0129'] },
  'secrets/plaintext-env': { checkov: ['CKV_AWS_45'], trivy: ['AVD-AWS-0036'] },
  'secrets/secret-no-rotation': { checkov: ['CKV2_AWS_57'], trivy: [] },
  'trail/bucket-public-or-unlogged': { checkov: [], trivy: ['AVD-AWS-0161', 'AVD-AWS-0163'] },
  'trail/log-validation-disabled': { checkov: ['CKV_AWS_36'], trivy: ['AVD-AWS-0016'] },
  'trail/logging-disabled': { checkov: ['CKV_AWS_251'], trivy: [] },
  'trail/no-cloudwatch-logs': { checkov: [], trivy: ['AVD-AWS-0162'] },
  'trail/not-encrypted': { checkov: ['CKV_AWS_35'], trivy: ['AVD-AWS-0015'] },
  'trail/not-multi-region': { checkov: ['CKV_AWS_67'], trivy: ['AVD-AWS-0014'] },
}

/** The policygate rules a Checkov or Trivy check ID covers (none for a check this table does not list). */
export function rulesCoveredBy(tool: ForeignTool, check: string): string[] {
  const id = check.toUpperCase()
  return Object.entries(FOREIGN_CHECKS)
    .filter(([, checks]) => checks[tool].includes(id))
    .map(([ruleId]) => ruleId)
}

/** Any tool's check: for `--skip-check CKV_AWS_36`. */
export function rulesCoveredByAnyTool(check: string): string[] {
  return [...new Set([...rulesCoveredBy('checkov', check), ...rulesCoveredBy('trivy', check)])]
}
