import { expiringSoon, EXPIRY_WARNING_DAYS } from '../rulebook/index.js'
import type { ScanResult } from '../scan.js'
import type { Finding, Severity } from '../rules/types.js'
import { redact } from './redact.js'
import { active, countBySeverity, groupByFile, shownDetails } from './summary.js'

export interface TextOptions {
  color: boolean
  /** Source lines of a scanned file, for code frames; undefined when unreadable. */
  readLines(file: string): string[] | undefined
  /** List every `policygate/unresolved` value; otherwise only their count is printed, under the summary. */
  showUnresolved?: boolean
}

const UNRESOLVED = 'policygate/unresolved'

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' }

/** Human output: findings grouped by file, each with a small code frame; suppressed ones counted, not shown. */
export function toText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const unresolved = active(result.findings).filter((f) => f.ruleId === UNRESOLVED)
  const shown = options.showUnresolved ? active(result.findings) : active(result.findings).filter((f) => f.ruleId !== UNRESOLVED)
  const out: string[] = []
  for (const [file, findings] of groupByFile(shown)) {
    out.push(paint('1;4', file))
    const lines = options.readLines(file)
    for (const finding of findings) {
      const where = `${finding.loc.startLine}:${finding.loc.startColumn ?? 1}`
      out.push(`  ${where.padEnd(8)}${paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(9))}${finding.message}  ${paint('2', finding.ruleId)}`)
      for (const line of shownDetails(finding, 20)) out.push(`          ${line}`)
      if (finding.resource) out.push(`          ${paint('2', `in ${finding.resource.address}`)}`)
      for (const place of finding.related ?? []) out.push(`          ${paint('2', `${place.message} (${place.loc.file}:${place.loc.startLine})`)}`)
      if (lines) out.push(...codeFrame(lines, finding, paint))
    }
    out.push('')
  }
  const counts = countBySeverity(shown)
  const parts = (Object.entries(counts) as [Severity, number][]).filter(([, n]) => n > 0).map(([s, n]) => paint(SEVERITY_COLOR[s], `${n} ${s}`))
  const suppressed = result.findings.length - active(result.findings).length
  out.push(
    shown.length === 0
      ? `No findings in ${result.files.length} file(s).`
      : `${shown.length} finding(s) in ${result.files.length} file(s): ${parts.join(', ')}`,
  )
  if (suppressed > 0) out.push(`${suppressed} suppressed or waived.`)
  // Values the source does not determine are never silent: counted always, listed on request.
  if (unresolved.length > 0 && !options.showUnresolved) out.push(paint('2', `${unresolved.length} value(s) could not be determined (policygate/unresolved); --show-unresolved lists them.`))
  for (const finding of expiringSoon(result.findings, result.judgedAt)) {
    out.push(paint('33', `Expiring within ${EXPIRY_WARNING_DAYS} days: ${finding.ruleId} at ${finding.loc.file}:${finding.loc.startLine} is waived until ${finding.suppressed!.until}`))
  }
  return out.join('\n') + '\n'
}

function codeFrame(lines: string[], finding: Finding, paint: (code: string, text: string) => string): string[] {
  const first = Math.max(1, finding.loc.startLine - 1)
  const last = Math.min(lines.length, Math.max(finding.loc.startLine, Math.min(finding.loc.endLine, finding.loc.startLine + 2)) + 1)
  const width = String(last).length
  const frame: string[] = []
  for (let n = first; n <= last; n++) {
    const marked = n >= finding.loc.startLine && n <= Math.min(finding.loc.endLine, finding.loc.startLine + 2)
    const gutter = `${marked ? '>' : ' '} ${String(n).padStart(width)} |`
    frame.push(`        ${marked ? paint('31', gutter) : paint('2', gutter)} ${truncate(redact(lines[n - 1] ?? ''))}`)
  }
  return frame
}

function truncate(line: string): string {
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}
