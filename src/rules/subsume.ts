import type { AwsModel } from '../model/aws.js'
import type { Statement } from '../model/policy.js'
import { atLeast, SEVERITIES, type AnyRule, type Finding, type Report } from './types.js'

/*
 * A finding another one already says is folded into it: `*` on `*` is administrator access, so the
 * same statement's service wildcard, critical actions and escalation are part of that one problem.
 *
 * "The same element" is exact and decided by what the rule reported at, by identity in the model:
 * - a policy statement, or one of its entries (an Action, Resource, Principal or Condition value):
 *   the element is that statement (for `within: 'statement'`) or that very entry (`within: 'entry'`);
 * - anything else (a stage, a bucket, a managed policy ARN): the place reported at (file, line and column),
 *   whichever resource reported it (a SAM function and the role it implies write one `Policies` value).
 */

/** The element a finding is about, as keys compared by identity: a Statement object, an entry object, or a resource-and-line string. */
export interface FindingPlace {
  statement: object | string
  entry: object | string
}

/** Every statement and statement entry of the model's policy documents, pointing at its statement. */
export function statementsByEntry(model: AwsModel): WeakMap<object, Statement> {
  const owners = new WeakMap<object, Statement>()
  for (const document of model.policyDocuments) {
    for (const statement of document.statements) {
      const entries = [
        statement, statement.sid, statement.effect,
        ...(statement.actions ?? []), ...(statement.notActions ?? []), ...(statement.resources ?? []), ...(statement.notResources ?? []),
        ...[...(statement.principals ?? []), ...(statement.notPrincipals ?? [])].flatMap((p) => [p, p.value]),
        ...statement.conditions.flatMap((c) => [c, c.key, c.operator, ...c.values]),
      ]
      for (const entry of entries) if (entry) owners.set(entry, statement)
    }
  }
  return owners
}

export function placeOf(report: Report, owners: WeakMap<object, Statement>): FindingPlace {
  const statement = owners.get(report.at)
  if (statement) return { statement, entry: report.at }
  const here = `${report.at.loc.file}\u0000${report.at.loc.startLine}\u0000${report.at.loc.startColumn ?? 0}`
  return { statement: here, entry: here }
}

/** True when `rule` declares that its finding at `strong` says what `other`'s finding at `weak` says. */
export function declaresSubsumption(rule: AnyRule | undefined, otherRuleId: string, strong: FindingPlace, weak: FindingPlace): boolean {
  const subsumes = rule?.subsumes
  if (!subsumes?.rules.includes(otherRuleId)) return false
  return subsumes.within === 'statement' ? strong.statement === weak.statement : strong.entry === weak.entry
}

/**
 * Drops each active finding that an active finding of an enabled rule subsumes on the same element, and
 * adds it to that finding's details ("also: …"). A subsumer less severe than what it would hide (the
 * rulebook can raise severities) does not hide it; a waived or suppressed finding hides nothing.
 */
export function foldSubsumed(findings: Finding[], places: Map<Finding, FindingPlace>, rules: AnyRule[]): Finding[] {
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]))
  const candidates = findings.filter((f) => !f.suppressed && places.has(f))
  const byStatement = new Map<object | string, Finding[]>()
  for (const finding of candidates) {
    const key = places.get(finding)!.statement
    byStatement.set(key, [...(byStatement.get(key) ?? []), finding])
  }
  const foldedInto = new Map<Finding, Finding>()
  for (const group of byStatement.values()) {
    for (const weak of group) {
      const strongest = group
        .filter((strong) => strong !== weak && atLeast(strong.severity, weak.severity) && declaresSubsumption(ruleById.get(strong.ruleId), weak.ruleId, places.get(strong)!, places.get(weak)!))
        .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0]
      if (strongest) foldedInto.set(weak, strongest)
    }
  }
  const target = (finding: Finding): Finding => {
    const seen = new Set<Finding>()
    let at = finding
    while (foldedInto.has(at) && !seen.has(at)) {
      seen.add(at)
      at = foldedInto.get(at)!
    }
    return at
  }
  for (const [weak] of [...foldedInto].sort(([a], [b]) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId))) {
    const strong = target(weak)
    if (strong === weak) continue
    const where = [
      weak.loc.startLine === strong.loc.startLine ? '' : `, line ${weak.loc.startLine}`,
      weak.resource && weak.resource.address !== strong.resource?.address ? `, in ${weak.resource.address}` : '',
    ].join('')
    strong.details = [...(strong.details ?? []), `also: ${weak.message} (${weak.ruleId}${where})`]
    strong.subsumed = [...new Set([...(strong.subsumed ?? []), weak.ruleId])]
  }
  return findings.filter((f) => !foldedInto.has(f) || target(f) === f)
}
