import { SEVERITIES, type Finding, type Severity } from '../rules/types.js'
import type { GateOn } from './inputs.js'

/** Diagnostics about values the source does not determine: listed for the reader, never gating, never commented. */
export const UNRESOLVED_RULE = 'policygate/unresolved'

export function isAtOrAbove(severity: Severity, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn)
}

/** The run fails when a gating finding is at or above `fail-on`. */
/** `incomplete`: a scan ran out of time; what it did not reach cannot pass, whatever fail-on says. */
export function conclusionOf(gating: Finding[], failOn: Severity | 'none', incomplete = false): 'success' | 'failure' {
  if (incomplete) return 'failure'
  return gating.some((finding) => isAtOrAbove(finding.severity, failOn)) ? 'failure' : 'success'
}

export function gateDescription(gate: GateOn | 'all-in-scan', failOn: Severity | 'none'): string {
  if (failOn === 'none') return 'never fails (fail-on: none)'
  const which = gate === 'new' ? 'new findings' : 'any finding'
  return `fails on ${which} at ${failOn} or above`
}
