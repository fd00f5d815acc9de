import type { InlineSuppression } from '../model/resource.js'

const IGNORE = /^(?:#|\/\/)\s*policygate:ignore\s+(\S+)(.*)$/
const UNTIL = /\s*\[?\s*until\s+(\d{4}-\d{2}-\d{2})\s*\]?\s*$/
// Other scanners' comments, honoured for the rules they map to (src/rulebook/foreign-checks.ts): Checkov's reason follows a colon,
// Trivy's ID may carry `:exp:YYYY-MM-DD` (and `:ws:` qualifiers) and text after it is read as the reason.
const CHECKOV_SKIP = /^(?:#|\/\/)\s*checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$/
const TRIVY_IGNORE = /^(?:#|\/\/)\s*trivy:ignore:([A-Za-z0-9-]+)((?::(?:exp|ws):[^:\s]+)*)(?:\s+(.*))?$/

/**
 * `# policygate:ignore <rule-id> <reason…> [until YYYY-MM-DD]` (or `//`): the same comment form in every framework that has comments.
 * Checkov's and Trivy's own comments are read too, marked foreign.
 */
export function parseSuppressionComment(text: string, loc: InlineSuppression['loc']): InlineSuppression | undefined {
  const match = IGNORE.exec(text)
  if (!match) return parseForeignSuppression(text, loc)
  let rest = match[2]!
  const until = UNTIL.exec(rest)
  if (until) rest = rest.slice(0, until.index)
  const reason = rest.trim()
  const suppression: InlineSuppression = { ruleId: match[1]!, loc }
  if (reason !== '') suppression.reason = reason
  if (until) suppression.until = until[1]!
  return suppression
}

/** `#checkov:skip=CKV_AWS_36:reason` or `#trivy:ignore:AVD-AWS-0016[:exp:YYYY-MM-DD] reason`, as written for those tools. */
function parseForeignSuppression(text: string, loc: InlineSuppression['loc']): InlineSuppression | undefined {
  const checkov = CHECKOV_SKIP.exec(text)
  if (checkov) return withReason({ ruleId: checkov[1]!, foreign: 'checkov', loc }, checkov[2])
  const trivy = TRIVY_IGNORE.exec(text)
  if (!trivy) return undefined
  const until = /:exp:(\d{4}-\d{2}-\d{2})/.exec(trivy[2]!)?.[1]
  return withReason({ ruleId: trivy[1]!, foreign: 'trivy', loc, ...(until && { until }) }, trivy[3])
}

function withReason(suppression: InlineSuppression, reason: string | undefined): InlineSuppression {
  const text = reason?.trim()
  return text ? { ...suppression, reason: text } : suppression
}
