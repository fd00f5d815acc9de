import { selectorMatches } from '../rulebook/effective.js'

/** `--skip-check`: rule IDs and areas (`iam/*`); true for a rule ID the run leaves out. */
export function skipChecks(selectors: string[]): (ruleId: string) => boolean {
  return (ruleId) => selectors.some((selector) => selectorMatches(selector, ruleId))
}
