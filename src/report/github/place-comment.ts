import type { AnyRule, Finding } from '../../rules/types.js'
import { fingerprintMarker, fingerprintsOf } from './markers.js'
import { inReviewOrder, plural, severityBreakdown } from './order.js'
import { reviewCommentBody } from './review-comment.js'
import { ruleLink } from './rule-link.js'
import { shortMessage } from './text.js'
import { SEVERITY_ICON } from '../summary.js'

/*
 * One review comment per place (file and line): every finding there, most severe first, each with its
 * rule, message and fix, and one fingerprint marker each, so a later run knows what the comment holds.
 */

const SEPARATOR = '\n\n---\n\n'
const FIXED_NOTE = /^✅ \*\*Fixed\*\* in /

/** Room for a comment's findings: GitHub takes 65,536 characters, and an edit adds fixed notes. */
const COMMENT_BODY_CHARS = 60_000

/**
 * The comment for the findings on one line; only `suggesting` (at most one of them) shows its suggested change.
 * `placedNote` (Markdown) says where the findings are written when the comment sits on a related line instead.
 */
export function placeCommentBody(findings: Finding[], ruleFor: (ruleId: string) => AnyRule | undefined, suggesting?: Finding, placedNote?: string): string {
  const ordered = inReviewOrder(findings)
  const sections = ordered.map((finding) => reviewCommentBody(finding, ruleFor(finding.ruleId), finding === suggesting, placedNote))
  if (sections.length === 1) return sections[0]!
  // Past the room, the least severe findings keep one line each (and their markers), most severe stay whole.
  for (let i = sections.length - 1; i > 0 && sections.join(SEPARATOR).length > COMMENT_BODY_CHARS; i--) sections[i] = compactSection(ordered[i]!)
  return `**${plural(ordered.length, 'finding')} on this line** (${severityBreakdown(ordered)})${SEPARATOR}${sections.join(SEPARATOR)}`
}

function compactSection(finding: Finding): string {
  return `${SEVERITY_ICON[finding.severity]} **${finding.severity}** · ${ruleLink(finding.ruleId)} · ${shortMessage(finding.message, 300)}\n\n${fingerprintMarker(finding.fingerprint ?? '')}`
}

/**
 * An earlier comment rewritten for the findings it still holds (and any new ones on its line); each finding
 * that is gone keeps one struck-through line saying it was fixed, so the thread's history stays readable.
 */
export function placeCommentEdited(
  body: string,
  findings: Finding[],
  ruleFor: (ruleId: string) => AnyRule | undefined,
  headSha: string,
  suggesting?: Finding,
): string {
  const present = new Set(findings.map((f) => f.fingerprint))
  const fixedNotes = body.split('\n').filter((line) => FIXED_NOTE.test(line))
  for (const fingerprint of fingerprintsOf(body)) {
    if (present.has(fingerprint)) continue
    const heading = headingOf(body, fingerprint)
    fixedNotes.push(`✅ **Fixed** in ${headSha.slice(0, 7)}: ~~${heading}~~`)
  }
  const notes = fixedNotes.length > 0 ? `${SEPARATOR}${fixedNotes.join('\n\n')}` : ''
  return `${placeCommentBody(findings, ruleFor, suggesting)}${notes}`
}

/** The first line of the finding `fingerprint` in a comment body: its severity, title and rule. */
function headingOf(body: string, fingerprint: string): string {
  const marker = fingerprintMarker(fingerprint)
  const before = body.slice(0, body.indexOf(marker))
  // The section starts after the previous finding's marker.
  const previousMarkerEnd = before.lastIndexOf('-->')
  const section = before.slice(previousMarkerEnd < 0 ? 0 : previousMarkerEnd + 3).split('\n').map((line) => line.trim())
  return section.find((line) => /\*\*(critical|high|medium|low|info)\*\*/.test(line)) ?? 'an earlier finding'
}

/** The fingerprint of the finding whose suggested change a comment shows, if it shows one. */
export function suggestingFingerprint(body: string): string | undefined {
  const fence = /^`{3,}suggestion$/m.exec(body)
  return fence ? fingerprintsOf(body.slice(fence.index))[0] : undefined
}
