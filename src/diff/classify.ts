import type { Finding } from '../rules/types.js'
import { fingerprint } from '../scan.js'

export interface Classified {
  /** On the head and not on the base: what the change adds. */
  added: Finding[]
  /** On both sides. */
  existing: Finding[]
  /** On the base and gone from the head (base locations). */
  fixed: Finding[]
}

/**
 * Splits findings by their line-independent fingerprint. Identical fingerprints are matched
 * one for one, so a change that adds a second copy of an old problem still shows one new finding.
 * `renamed` maps base paths to head paths, so a moved file keeps its findings' identity.
 */
export function classifyFindings(head: Finding[], base: Finding[], renamed: Map<string, string> = new Map()): Classified {
  const unmatchedBase = new Map<string, Finding[]>()
  for (const finding of base) {
    const key = baseFingerprint(finding, renamed)
    unmatchedBase.set(key, [...(unmatchedBase.get(key) ?? []), finding])
  }
  const added: Finding[] = []
  const existing: Finding[] = []
  for (const finding of head) {
    const twins = unmatchedBase.get(finding.fingerprint ?? fingerprint(finding))
    if (twins && twins.length > 0) {
      twins.pop()
      existing.push(finding)
    } else added.push(finding)
  }
  return { added, existing, fixed: [...unmatchedBase.values()].flat() }
}

function baseFingerprint(finding: Finding, renamed: Map<string, string>): string {
  const headPath = renamed.get(finding.loc.file)
  if (headPath === undefined) return finding.fingerprint ?? fingerprint(finding)
  return fingerprint({ ...finding, loc: { ...finding.loc, file: headPath } })
}
