import { builtinRules } from '../../rules/index.js'
import { governanceRules } from '../../rules/rulebook/index.js'
import type { AnyRule } from '../../rules/types.js'
import { ruleDocsUrl } from '../summary.js'

/** The rules with a generated page under docs/rules/ (scripts/gen-docs.ts writes exactly these). */
const documented = new Map<string, AnyRule>([...builtinRules, ...governanceRules].map((rule) => [rule.id, rule]))

export function documentedRule(ruleId: string): AnyRule | undefined {
  return documented.get(ruleId)
}

/** The rule ID linked to its page; a custom rule from a rulebook has no page, so it stays plain code rather than a dead link. */
export function ruleLink(ruleId: string): string {
  return documented.has(ruleId) ? `[\`${ruleId}\`](${ruleDocsUrl(ruleId)})` : `\`${ruleId}\``
}
