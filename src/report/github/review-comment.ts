import type { AnyRule, Finding } from '../../rules/types.js'
import { ruleDocsUrl, SEVERITY_ICON } from '../summary.js'
import { fingerprintMarker } from './markers.js'
import { shortMessage } from './text.js'

/** Room for the message in a comment (GitHub takes 65,536 characters); the reports keep the whole text. */
const COMMENT_MESSAGE_CHARS = 4000

/**
 * A review comment: severity, rule, what is wrong, why, how to fix, the rule's page, and a suggested
 * change when the finding carries a concrete fix anchored where the comment is.
 */
export function reviewCommentBody(finding: Finding, rule: AnyRule | undefined, withSuggestion: boolean): string {
  const lines = [
    `**${SEVERITY_ICON[finding.severity]} ${finding.severity}** · [\`${finding.ruleId}\`](${ruleDocsUrl(finding.ruleId)}) · ${finding.title}`,
    '',
    `**What:** ${shortMessage(finding.message, COMMENT_MESSAGE_CHARS)}${finding.resource ? ` (\`${finding.resource.address}\`)` : ''}`,
  ]
  if (rule) lines.push('', `**Why:** ${rule.why}`, '', `**Fix:** ${rule.fix}`)
  if (withSuggestion && finding.fix) {
    const fence = fenceFor(finding.fix.replacement)
    lines.push('', finding.fix.description ?? 'Suggested change:', '', `${fence}suggestion`, finding.fix.replacement.replace(/\n$/, ''), fence)
  }
  lines.push('', fingerprintMarker(finding.fingerprint ?? ''))
  return lines.join('\n')
}

/** A fence longer than any backtick run in the text, so the suggestion cannot end early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(longest + 1)
}
