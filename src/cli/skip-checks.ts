import { selectorMatches } from '../rulebook/effective.js'
import { rulesCoveredByAnyTool } from '../rulebook/foreign-checks.js'

/**
 * `--skip-check`: rule IDs and areas (`iam/*`), or a Checkov or Trivy check ID (`CKV_AWS_36`,
 * `AVD-AWS-0016`) for the rules it maps to; true for a rule ID the run leaves out.
 */
export function skipChecks(selectors: string[]): (ruleId: string) => boolean {
  const mapped = new Set(selectors.flatMap(rulesCoveredByAnyTool))
  return (ruleId) => mapped.has(ruleId) || selectors.some((selector) => selectorMatches(selector, ruleId))
}
