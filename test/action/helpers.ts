import type { Finding } from '../../src/rules/types.js'
import { fingerprint } from '../../src/scan.js'

/** A finding as scan() returns it, fingerprint included. */
export function finding(overrides: Partial<Finding> & { file?: string; line?: number; address?: string } = {}): Finding {
  const { file = 'main.tf', line = 1, address = 'aws_iam_policy.app', ...rest } = overrides
  const base: Finding = {
    ruleId: 'iam/full-admin',
    severity: 'critical',
    title: 'Full admin',
    message: 'Allows * on *',
    loc: { file, startLine: line, endLine: line },
    resource: { address, type: 'aws_iam_policy' },
    element: 'Statement[0]',
    ...rest,
  }
  return { ...base, fingerprint: fingerprint(base) }
}
