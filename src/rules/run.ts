import type { AwsModel } from '../model/aws.js'
import type { SourceRange } from '../model/source.js'
import { ruleErrorText, whereRuleFailed } from './rule-error.js'
import { placeOf, statementsByEntry, type FindingPlace } from './subsume.js'
import type { AnyRule, Finding, Report, Severity } from './types.js'

/** A rule as the rulebook configured it: which params it runs with, at which severity. */
export interface ConfiguredRule {
  rule: AnyRule
  params: Record<string, unknown>
  severity: Severity
}

/** A rule that threw: what it said, and where it was judging when known. */
export interface RuleError {
  message: string
  loc?: SourceRange
}

/**
 * Runs each rule over the model. A rule that throws becomes a finding about the tool, never a lost scan.
 * Each finding's place is kept for subsumption. Past `deadline` (performance.now()) no rule is started: `notRun` names them.
 */
export function runRules(
  model: AwsModel,
  configured: ConfiguredRule[],
  base?: AwsModel,
  deadline?: number,
): { findings: Finding[]; errors: RuleError[]; places: Map<Finding, FindingPlace>; notRun: string[] } {
  const findings: Finding[] = []
  const errors: RuleError[] = []
  const notRun: string[] = []
  const places = new Map<Finding, FindingPlace>()
  const owners = statementsByEntry(model)
  for (const { rule, params, severity } of configured) {
    // A rulebook that sets the rule's severity sets every finding's; else a finding may carry its own (lower) one.
    const setByRulebook = severity !== rule.severity
    if (deadline !== undefined && performance.now() > deadline) {
      notRun.push(rule.id)
      continue
    }
    const report = (r: Report) => {
      const finding: Finding = {
        ruleId: rule.id,
        severity: setByRulebook ? severity : (r.severity ?? severity),
        title: rule.title,
        message: r.message,
        loc: r.at.loc,
        resource: { address: r.resource.address, type: r.resource.sourceType },
        element: r.element,
        ...(r.details?.length ? { details: r.details } : {}),
        fix: r.fix,
        related: withResourceChain(r),
      }
      findings.push(finding)
      places.set(finding, placeOf(r, owners))
    }
    try {
      rule.check({ aws: model, params, base }, report)
    } catch (error) {
      const loc = whereRuleFailed((aws, baseModel) => rule.check({ aws, params, base: baseModel }, () => {}), model, base)
      errors.push({ message: `${rule.id}: ${ruleErrorText(error)}`, ...(loc && { loc }) })
    }
  }
  return { findings, errors, places, notRun }
}

/** The rule's own related locations, then where else the resource is made (module calls), unless at the finding's own line. */
function withResourceChain(r: Report): Report['related'] {
  const at = r.at.loc
  const chain = (r.resource.related ?? []).filter((place) => place.loc.file !== at.file || place.loc.startLine < at.startLine || place.loc.startLine > at.endLine)
  if (chain.length === 0) return r.related
  return [...(r.related ?? []), ...chain]
}

/** The rules the default rulebook runs: every rule enabled by default, with its default params and severity. */
export function defaultConfiguration(rules: AnyRule[]): ConfiguredRule[] {
  return rules
    .filter((rule) => rule.enabledByDefault !== false)
    .map((rule) => ({ rule, params: { ...(rule.params?.defaults ?? {}) }, severity: rule.severity }))
}
