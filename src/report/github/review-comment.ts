import type { AnyRule, Finding } from '../../rules/types.js'
import { codeSpan, markdownText } from '../escape.js'
import { SEVERITY_ICON, shownDetails } from '../summary.js'
import { fingerprintMarker } from './markers.js'
import { ruleLink } from './rule-link.js'
import { shortMessage } from './text.js'

/** What shows before "Why and how to fix": enough to say what is wrong on this line; longer messages continue in the fold. */
const VISIBLE_MESSAGE_CHARS = 300
/** Room for the whole message in the fold (GitHub takes 65,536 characters); the reports keep the whole text. */
const COMMENT_MESSAGE_CHARS = 4000

/**
 * A review comment, scannable on the diff: severity, title and rule on one line, what is wrong on this
 * line, the suggested change when the finding carries one anchored here; why and how to fix folded below.
 */
export function reviewCommentBody(finding: Finding, rule: AnyRule | undefined, withSuggestion: boolean, placedNote?: string): string {
  const message = markdownText(shortMessage(finding.message, COMMENT_MESSAGE_CHARS))
  const visible = markdownText(shortMessage(finding.message, VISIBLE_MESSAGE_CHARS))
  const lines = [
    `${SEVERITY_ICON[finding.severity]} **${finding.severity}** · **${finding.title}** · ${ruleLink(finding.ruleId)}`,
    '',
    `${visible}${finding.resource ? ` (${codeSpan(finding.resource.address)})` : ''}`,
  ]
  if (finding.details?.length) lines.push('', ...shownDetails(finding, 10).map((detail) => `- ${markdownText(shortMessage(detail, VISIBLE_MESSAGE_CHARS))}`))
  // A comment placed on a related line (the value is written in a file outside the diff) says where the value is.
  if (placedNote) lines.push('', `_${placedNote}_`)
  if (withSuggestion && finding.fix) {
    const fence = fenceFor(finding.fix.replacement)
    lines.push('', finding.fix.description === undefined ? 'Suggested change:' : markdownText(finding.fix.description), '', `${fence}suggestion`, finding.fix.replacement.replace(/\n$/, ''), fence)
  }
  const folded: string[] = []
  if (visible !== message) folded.push(message, '')
  if (rule) folded.push(`**Why:** ${rule.why}`, '', `**Fix:** ${rule.fix}`, '')
  if (folded.length > 0) lines.push('', `<details><summary>${visible === message ? 'Why it matters and how to fix' : 'Full finding, why it matters and how to fix'}</summary>`, '', ...folded, '</details>')
  lines.push('', fingerprintMarker(finding.fingerprint ?? ''))
  return lines.join('\n')
}

/** A fence longer than any backtick run in the text, so the suggestion cannot end early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(longest + 1)
}
