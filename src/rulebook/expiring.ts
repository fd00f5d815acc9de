import type { Finding } from '../rules/types.js'
import { expiresWithin } from './dates.js'

/** How far ahead the summary warns about waivers and suppressions that are about to lapse. */
export const EXPIRY_WARNING_DAYS = 14

/** Findings hidden by a waiver or suppression that lapses within `days` days: the summary lists them. */
export function expiringSoon(findings: Finding[], now: Date, days = EXPIRY_WARNING_DAYS): Finding[] {
  return findings.filter((f) => f.suppressed?.until !== undefined && expiresWithin(f.suppressed.until, now, days))
}
