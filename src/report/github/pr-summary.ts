import { SEVERITIES, type Finding, type Severity } from '../../rules/types.js'
import { countBySeverity, ruleDocsUrl, SEVERITY_ICON, tableCell } from '../summary.js'
import { shortMessage } from './text.js'

/** Longest message shown in a table row or list item; the SARIF and JSON reports keep the whole text. */
const ROW_MESSAGE_CHARS = 400
/** The access delta is what a reviewer reads first: it gets more room. */
const DELTA_MESSAGE_CHARS = 2000

export type FindingStatus = 'new' | 'existing' | 'fixed'

export interface ChangeReport {
  headSha: string
  baseSha: string
  added: Finding[]
  existing: Finding[]
  fixed: Finding[]
  unresolved: Finding[]
  suppressedCount: number
  /** Suppressed findings whose waiver or suppression lapses soon. */
  expiring: Finding[]
  rulebookSource: string
  conclusion: 'success' | 'failure'
  /** One line saying what decided the conclusion (`new findings at high or above`). */
  gateDescription: string
  /** Things the run could not do through the API (comments rejected, no write access), for the reader. */
  notes: string[]
  /** Link to a finding's line: head blob URL for current findings, base blob URL for fixed ones. */
  linkFor(finding: Finding, status: FindingStatus): string
}

/** Access widened by the change goes first: it is what a reviewer wants to know before anything else. */
const DELTA_RULE = 'iam/access-widened'
const ORDER: FindingStatus[] = ['new', 'existing', 'fixed']

/**
 * The pull request's report, for the summary comment (`maxChars` ~ GitHub's 65,536 limit) and the job
 * summary (no practical limit): counts, the access delta, every finding until the budget, then a pointer.
 */
export function changeReportMarkdown(report: ChangeReport, maxChars: number): string {
  const byStatus: Record<FindingStatus, Finding[]> = { new: bySeverity(report.added), existing: bySeverity(report.existing), fixed: bySeverity(report.fixed) }
  const head: string[] = [
    `## policygate: ${report.conclusion === 'failure' ? '❌ changes requested' : '✅ passed'}`,
    '',
    `${byStatus.new.length} new · ${byStatus.existing.length} existing · ${byStatus.fixed.length} fixed — head \`${report.headSha.slice(0, 7)}\` against base \`${report.baseSha.slice(0, 7)}\`. Gate: ${report.gateDescription}.`,
    '',
    `| | ${SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}`).join(' | ')} |`,
    `| --- | ${SEVERITIES.map(() => '---:').join(' | ')} |`,
    ...ORDER.map((status) => countRow(status, countBySeverity(byStatus[status]))),
    '',
  ]
  const delta = byStatus.new.filter((f) => f.ruleId === DELTA_RULE)
  if (delta.length > 0) {
    head.push('### Access this change widens', '')
    for (const finding of delta) head.push(`- [${tableCell(`${finding.loc.file}:${finding.loc.startLine}`)}](${report.linkFor(finding, 'new')}) ${tableCell(shortMessage(finding.message, DELTA_MESSAGE_CHARS))}`)
    head.push('')
  }
  const tail: string[] = []
  if (report.unresolved.length > 0) {
    tail.push(`<details><summary>Values that could not be determined (${report.unresolved.length})</summary>`, '')
    for (const finding of report.unresolved.slice(0, 100)) tail.push(`- \`${tableCell(finding.loc.file)}:${finding.loc.startLine}\` ${tableCell(shortMessage(finding.message, ROW_MESSAGE_CHARS))}`)
    if (report.unresolved.length > 100) tail.push(`- …and ${report.unresolved.length - 100} more`)
    tail.push('', '</details>', '')
  }
  if (report.suppressedCount > 0) tail.push(`${report.suppressedCount} finding(s) suppressed or waived.`, '')
  if (report.expiring.length > 0) {
    tail.push(`Waivers and suppressions expiring soon (${report.expiring.length}):`, '')
    for (const finding of report.expiring.slice(0, 50)) tail.push(`- \`${finding.ruleId}\` on \`${tableCell(finding.resource?.address ?? finding.loc.file)}\` until ${finding.suppressed?.until}${finding.suppressed?.owner ? ` (owner ${tableCell(finding.suppressed.owner)})` : ''}`)
    tail.push('')
  }
  for (const note of report.notes) tail.push(`> ⚠️ ${note}`, '')
  tail.push(`Rulebook: \`${report.rulebookSource}\``)

  const rows = ORDER.flatMap((status) => byStatus[status].map((finding) => findingRow(finding, status, report)))
  const tableHead = ['### Findings', '', '| | Severity | Rule | Where | Resource | Finding |', '| --- | --- | --- | --- | --- | --- |']
  const fixedSize = [...head, ...tableHead, ...tail].join('\n').length + 200
  const shown: string[] = []
  let size = fixedSize
  for (const row of rows) {
    if (size + row.length + 1 > maxChars) break
    shown.push(row)
    size += row.length + 1
  }
  const table = rows.length === 0 ? [] : [...tableHead, ...shown, ...(shown.length < rows.length ? ['', `…and ${rows.length - shown.length} more findings: the job summary and the SARIF report list every one.`] : []), '']
  return [...head, ...table, ...tail].join('\n') + '\n'
}

function countRow(status: FindingStatus, counts: Record<Severity, number>): string {
  return `| ${status} | ${SEVERITIES.map((s) => counts[s]).join(' | ')} |`
}

function findingRow(finding: Finding, status: FindingStatus, report: ChangeReport): string {
  const where = `${finding.loc.file}:${finding.loc.startLine}`
  const label = status === 'new' ? '🆕 new' : status === 'fixed' ? '✅ fixed' : 'existing'
  return `| ${label} | ${SEVERITY_ICON[finding.severity]} ${finding.severity} | [\`${finding.ruleId}\`](${ruleDocsUrl(finding.ruleId)}) | [${tableCell(where)}](${report.linkFor(finding, status)}) | ${finding.resource ? `\`${tableCell(finding.resource.address)}\`` : ''} | ${tableCell(shortMessage(finding.message, ROW_MESSAGE_CHARS))} |`
}

function bySeverity(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
}
