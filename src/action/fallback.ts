import * as core from '@actions/core'
import type { Finding } from '../rules/types.js'
import { toAnnotations } from '../report/github/annotations.js'

/**
 * When the check run cannot be written (fork pull requests, read-only tokens), every finding still
 * reaches the pull request as a workflow-command annotation (`::error file=…,line=…::`).
 */
export function emitWorkflowAnnotations(findings: Finding[]): void {
  for (const annotation of toAnnotations(findings)) {
    const properties = { title: annotation.title, file: annotation.path, startLine: annotation.start_line, endLine: annotation.end_line }
    const level = annotation.annotation_level
    if (level === 'failure') core.error(annotation.message, properties)
    else if (level === 'warning') core.warning(annotation.message, properties)
    else core.notice(annotation.message, properties)
  }
}
