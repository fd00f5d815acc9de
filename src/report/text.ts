import { expiringSoon, EXPIRY_WARNING_DAYS } from '../rulebook/index.js'
import type { ScanResult } from '../scan.js'
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js'
import { plainLine } from './escape.js'
import { redact } from './redact.js'
import { active, countBySeverity, filesLine, groupByFile, groupByLine, shownDetails } from './summary.js'

export interface TextOptions {
  color: boolean
  /** Source lines of a scanned file, for code frames; undefined when unreadable. */
  readLines(file: string): string[] | undefined
  /** Lines added after the summary (a baseline's effect). */
  notes?: string[]
  /** List every `policygate/unresolved` value; otherwise only their count is printed, under the summary. */
  showUnresolved?: boolean
}

const UNRESOLVED = 'policygate/unresolved'

const SEVERITY_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' }

/** Human output: findings grouped by file, each line's under one small code frame; suppressed ones counted, not shown; a table of counts per rule last. */
export function toText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const unresolved = active(result.findings).filter((f) => f.ruleId === UNRESOLVED)
  const shown = options.showUnresolved ? active(result.findings) : active(result.findings).filter((f) => f.ruleId !== UNRESOLVED)
  const out: string[] = []
  for (const [file, findings] of groupByFile(shown)) {
    // Repository text is shown, never obeyed: no escape sequence or control character reaches the terminal.
    out.push(paint('1;4', plainLine(file)))
    const lines = options.readLines(file)
    // The findings of one line, most severe first, under one code frame.
    for (const here of groupByLine(findings).values()) {
      for (const finding of here) {
        const where = `${finding.loc.startLine}:${finding.loc.startColumn ?? 1}`
        out.push(`  ${where.padEnd(8)}${paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(9))}${plainLine(finding.message)}  ${paint('2', plainLine(finding.ruleId))}`)
        for (const line of shownDetails(finding, 20)) out.push(`          ${plainLine(line)}`)
        if (finding.resource) out.push(`          ${paint('2', `in ${plainLine(finding.resource.address)}`)}`)
        for (const place of finding.related ?? []) out.push(`          ${paint('2', plainLine(`${place.message} (${place.loc.file}:${place.loc.startLine})`))}`)
      }
      const startLine = here[0]!.loc.startLine
      if (lines) out.push(...codeFrame(lines, startLine, Math.max(...here.map((f) => f.loc.endLine)), paint))
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
    out.push(paint('33', plainLine(`Expiring within ${EXPIRY_WARNING_DAYS} days: ${finding.ruleId} at ${finding.loc.file}:${finding.loc.startLine} is waived until ${finding.suppressed!.until}`)))
  }
  if (shown.length > 0) out.push('', ...countsTable(shown))
  out.push(...(options.notes ?? []).map(plainLine), filesLine(result))
  return out.join('\n') + '\n'
}

/** Counts per rule and severity, the rules with the most severe findings first: where the work is. */
function countsTable(findings: Finding[]): string[] {
  const byRule = new Map<string, Record<Severity, number>>()
  for (const finding of findings) {
    const counts = byRule.get(finding.ruleId) ?? countBySeverity([])
    counts[finding.severity]++
    byRule.set(finding.ruleId, counts)
  }
  const rows = [...byRule].sort(([ruleA, a], [ruleB, b]) => {
    const differs = SEVERITIES.find((s) => a[s] !== b[s])
    return differs ? b[differs] - a[differs] : ruleA.localeCompare(ruleB)
  })
  const ruleWidth = Math.max(4, ...rows.map(([rule]) => rule.length))
  const cells = (rule: string, values: (string | number)[]) => `${rule.padEnd(ruleWidth)}  ${values.map((v, i) => String(v).padStart([...SEVERITIES, 'total'][i]!.length)).join('  ')}`
  return [
    cells('rule', [...SEVERITIES, 'total']),
    ...rows.map(([rule, counts]) => cells(rule, [...SEVERITIES.map((s) => counts[s] || '·'), SEVERITIES.reduce((sum, s) => sum + counts[s], 0)])),
  ]
}

function codeFrame(lines: string[], startLine: number, endLine: number, paint: (code: string, text: string) => string): string[] {
  const first = Math.max(1, startLine - 1)
  const last = Math.min(lines.length, Math.max(startLine, Math.min(endLine, startLine + 2)) + 1)
  const width = String(last).length
  const frame: string[] = []
  for (let n = first; n <= last; n++) {
    const marked = n >= startLine && n <= Math.min(endLine, startLine + 2)
    const gutter = `${marked ? '>' : ' '} ${String(n).padStart(width)} |`
    frame.push(`        ${marked ? paint('31', gutter) : paint('2', gutter)} ${truncate(redact(plainLine(lines[n - 1] ?? '')))}`)
  }
  return frame
}

function truncate(line: string): string {
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}
