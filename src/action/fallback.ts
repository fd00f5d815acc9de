import * as core from '@actions/core'
import type { Finding } from '../rules/types.js'
import { ANNOTATION_LEVEL, toAnnotation } from '../report/github/annotations.js'

/**
 * When the check run cannot be written (fork pull requests, read-only tokens), every finding still
 * reaches the pull request as a workflow-command annotation (`::error file=…,line=…::`).
 */
export function emitWorkflowAnnotations(findings: Finding[]): void {
  for (const finding of findings) {
    const annotation = toAnnotation(finding)
    const properties = { title: annotation.title, file: annotation.path, startLine: annotation.start_line, endLine: annotation.end_line }
    const level = ANNOTATION_LEVEL[finding.severity]
    if (level === 'failure') core.error(annotation.message, properties)
    else if (level === 'warning') core.warning(annotation.message, properties)
    else core.notice(annotation.message, properties)
  }
}
