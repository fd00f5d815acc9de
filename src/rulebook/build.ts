import { builtinRules } from '../rules/index.js'
import { governanceRules } from '../rules/rulebook/index.js'
import type { ConfiguredRule } from '../rules/run.js'
import type { AnyRule } from '../rules/types.js'
import type { EffectiveRulebook } from './effective.js'
import { excludedFromEveryRule, judge } from './judge.js'
import { startingPoint } from './merge.js'
import type { LoadedRulebook } from './types.js'

/** The merged rulebook as the pipeline runs it: the enabled rules with their params and severities, and the judge. */
export function toRulebook(effective: EffectiveRulebook, source: string, repositoryFiles: string[], limits?: LoadedRulebook['limits']): LoadedRulebook {
  const governance = new Set<AnyRule>(governanceRules)
  const rules: ConfiguredRule[] = effective.rules
    .filter((r) => r.enabled && !governance.has(r.rule))
    .map((r) => ({ rule: r.rule, params: r.params, severity: r.severity }))
  const excludesFile = excludedFromEveryRule(effective)
  return { source, rules, apply: judge(effective), effective, repositoryFiles, ...(excludesFile && { excludesFile }), ...(limits ? { limits } : {}) }
}

/** Every rule with its own defaults (the rules' enabledByDefault, severity and params), no waivers: what runs without a rulebook file. */
export function defaultEffective(rules: AnyRule[] = builtinRules): EffectiveRulebook {
  return { sources: [], rules: [...rules, ...governanceRules].map(startingPoint), waivers: [] }
}
