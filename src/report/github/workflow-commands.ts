import type { ScanResult } from '../../scan.js'
import { active } from '../summary.js'
import { redact } from '../redact.js'
import { ANNOTATION_LEVEL, toAnnotation } from './annotations.js'

/*
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), one per
 * active finding, so a workflow step that runs the CLI gets annotations on the changed files without
 * the Action. Escaping follows the runner's rules: %, CR and LF everywhere, and : and , in properties.
 */

const COMMAND = { failure: 'error', warning: 'warning', notice: 'notice' } as const

export function toWorkflowCommands(result: ScanResult): string {
  return active(result.findings)
    .map((finding) => {
      const annotation = toAnnotation(finding)
      const properties = [
        `file=${property(annotation.path)}`,
        `line=${annotation.start_line}`,
        `endLine=${annotation.end_line}`,
        ...(finding.loc.startColumn ? [`col=${finding.loc.startColumn}`] : []),
        `title=${property(annotation.title)}`,
      ]
      return `::${COMMAND[ANNOTATION_LEVEL[finding.severity]]} ${properties.join(',')}::${data(redact(annotation.message))}\n`
    })
    .join('')
}

function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
