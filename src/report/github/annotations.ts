import type { Finding, Severity } from '../../rules/types.js'
import { plainLine } from '../escape.js'
import { groupByLine, oneLineMessage } from '../summary.js'
import { shortMessage } from './text.js'

/** Room for the message in an annotation (the checks API takes 64 KB). */
const ANNOTATION_MESSAGE_CHARS = 4000

export type AnnotationLevel = 'failure' | 'warning' | 'notice'

/** A check-run annotation, shaped as the checks API takes it. */
export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: AnnotationLevel
  title: string
  message: string
}

export const ANNOTATION_LEVEL: Record<Severity, AnnotationLevel> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice', info: 'notice' }

export function toAnnotation(finding: Finding): CheckAnnotation {
  return {
    path: finding.loc.file,
    start_line: finding.loc.startLine,
    end_line: Math.max(finding.loc.startLine, finding.loc.endLine),
    annotation_level: ANNOTATION_LEVEL[finding.severity],
    title: `${finding.ruleId} (${finding.severity})`,
    // Plain text in the checks UI and the log: repository text keeps no control characters or escape sequences.
    message: plainLine(shortMessage(oneLineMessage(finding), ANNOTATION_MESSAGE_CHARS) + (finding.resource ? ` — ${finding.resource.address}` : '')),
  }
}

/** One annotation per line of a file: its findings most severe first, the annotation as severe as the worst. */
export function toAnnotations(findings: Finding[]): CheckAnnotation[] {
  return [...groupByLine(findings).values()].map((here) => {
    if (here.length === 1) return toAnnotation(here[0]!)
    const [worst] = here
    const each = here.map((f) => plainLine(`[${f.severity}] ${f.ruleId}: ${shortMessage(oneLineMessage(f), Math.floor(ANNOTATION_MESSAGE_CHARS / here.length))}`))
    return {
      path: worst!.loc.file,
      start_line: worst!.loc.startLine,
      end_line: Math.max(...here.map((f) => Math.max(f.loc.startLine, f.loc.endLine))),
      annotation_level: ANNOTATION_LEVEL[worst!.severity],
      title: `${here.length} findings: ${here.map((f) => f.ruleId).join(', ')}`,
      message: each.join('\n') + (worst!.resource ? `\n— ${plainLine(worst!.resource.address)}` : ''),
    }
  })
}
