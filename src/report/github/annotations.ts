import type { Finding, Severity } from '../../rules/types.js'
import { plainLine } from '../escape.js'
import { oneLineMessage } from '../summary.js'
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
