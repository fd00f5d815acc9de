/** Today as YYYY-MM-DD in UTC: expiry dates in rulebooks and comments are calendar days. */
function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/** A waiver `until`/`expires` day is still valid on that day; it has expired from the next day on. */
export function hasExpired(until: string, now: Date): boolean {
  return until < isoDay(now)
}

/** Not expired, and expiring within `days` days from now. */
export function expiresWithin(until: string, now: Date, days: number): boolean {
  const limit = new Date(now.getTime() + days * 86_400_000)
  return !hasExpired(until, now) && until <= isoDay(limit)
}
