import type { SourceRange } from '../../model/source.js'

/**
 * Three-valued: an unknown value in the source makes a condition 'unknown', and `not` of unknown is
 * still unknown, so a custom rule never fires on a guess. `loc` is the element that made it true.
 */
export interface Verdict {
  holds: boolean | 'unknown'
  loc?: SourceRange
}

export const FALSE: Verdict = { holds: false }
export const UNKNOWN: Verdict = { holds: 'unknown' }

export function isTrue(loc?: SourceRange): Verdict {
  return { holds: true, loc }
}

/** True when any is true (with its location), else unknown when any is unknown, else false. */
export function anyOf(verdicts: Iterable<Verdict>): Verdict {
  let unknown = false
  for (const verdict of verdicts) {
    if (verdict.holds === true) return verdict
    if (verdict.holds === 'unknown') unknown = true
  }
  return unknown ? UNKNOWN : FALSE
}

/** False when any is false, else unknown when any is unknown, else true at the last located child (the first ones usually select, the last states the problem). */
export function allOf(verdicts: Iterable<Verdict>): Verdict {
  let unknown = false
  let loc: SourceRange | undefined
  for (const verdict of verdicts) {
    if (verdict.holds === false) return FALSE
    if (verdict.holds === 'unknown') unknown = true
    loc = verdict.loc ?? loc
  }
  return unknown ? UNKNOWN : isTrue(loc)
}

export function negate(verdict: Verdict): Verdict {
  return verdict.holds === 'unknown' ? UNKNOWN : { holds: !verdict.holds }
}
