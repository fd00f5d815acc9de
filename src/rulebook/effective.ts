import type { SourceRange } from '../model/source.js'
import type { AnyRule, Severity } from '../rules/types.js'
import type { WaiverSpec } from './format.js'

/** One rule as the merged rulebook configures it. */
export interface EffectiveRule {
  rule: AnyRule
  enabled: boolean
  severity: Severity
  params: Record<string, unknown>
  include?: string[]
  exclude?: string[]
  controls?: string[]
  /** The rulebook file that declares it, for custom rules. */
  declaredIn?: string
}

/** A waiver as written, and where. */
export interface Waiver extends WaiverSpec {
  /** The waiver's entry in its rulebook file. */
  loc: SourceRange
}

/** The merged rulebook: what `policygate rulebook show` prints and what the scan runs. */
export interface EffectiveRulebook {
  /** Every file that went into it, in merge order (the last one is the rulebook itself). */
  sources: string[]
  rules: EffectiveRule[]
  waivers: Waiver[]
}

/** `iam/full-admin` matches `iam/full-admin`, `iam/*` and `*`. */
export function selectorMatches(selector: string, ruleId: string): boolean {
  if (selector === '*') return true
  if (selector.endsWith('/*')) return ruleId.startsWith(selector.slice(0, -1))
  return selector === ruleId
}
