import type { InlineSuppression } from '../model/resource.js'

const IGNORE = /^(?:#|\/\/)\s*policygate:ignore\s+(\S+)(.*)$/
const UNTIL = /\s*\[?\s*until\s+(\d{4}-\d{2}-\d{2})\s*\]?\s*$/

/** `# policygate:ignore <rule-id> <reason…> [until YYYY-MM-DD]` (or `//`): the same comment form in every framework that has comments. */
export function parseSuppressionComment(text: string, loc: InlineSuppression['loc']): InlineSuppression | undefined {
  const match = IGNORE.exec(text)
  if (!match) return undefined
  let rest = match[2]!
  const until = UNTIL.exec(rest)
  if (until) rest = rest.slice(0, until.index)
  const reason = rest.trim()
  const suppression: InlineSuppression = { ruleId: match[1]!, loc }
  if (reason !== '') suppression.reason = reason
  if (until) suppression.until = until[1]!
  return suppression
}
