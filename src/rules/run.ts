import type { AwsModel } from '../model/aws.js'
import { atLeast, type AnyRule, type Finding, type Report, type Severity } from './types.js'

/** A rule as the rulebook configured it: which params it runs with, at which severity. */
export interface ConfiguredRule {
  rule: AnyRule
  params: Record<string, unknown>
  severity: Severity
}

/** Runs each rule over the model. A rule that throws becomes a finding about the tool, never a lost scan. */
export function runRules(model: AwsModel, configured: ConfiguredRule[], base?: AwsModel): { findings: Finding[]; errors: string[] } {
  const findings: Finding[] = []
  const errors: string[] = []
  for (const { rule, params, severity } of configured) {
    const report = (r: Report) => {
      findings.push({
        ruleId: rule.id,
        severity: r.severity && atLeast(severity, r.severity) ? r.severity : severity,
        title: rule.title,
        message: r.message,
        loc: r.at.loc,
        resource: { address: r.resource.address, type: r.resource.sourceType },
        element: r.element,
        ...(r.details?.length ? { details: r.details } : {}),
        fix: r.fix,
        related: r.related,
      })
    }
    try {
      rule.check({ aws: model, params, base }, report)
    } catch (error) {
      errors.push(`${rule.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
  return { findings, errors }
}

/** The rules the default rulebook runs: every rule enabled by default, with its default params and severity. */
export function defaultConfiguration(rules: AnyRule[]): ConfiguredRule[] {
  return rules
    .filter((rule) => rule.enabledByDefault !== false)
    .map((rule) => ({ rule, params: { ...(rule.params?.defaults ?? {}) }, severity: rule.severity }))
}
