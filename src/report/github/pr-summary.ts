import { SEVERITIES, type Finding, type Severity } from '../../rules/types.js'
import { codeSpan, markdownText } from '../escape.js'
import { countBySeverity, oneLineMessage, SEVERITY_ICON, shownDetails, tableCell } from '../summary.js'
import { inReviewOrder } from './order.js'
import { ruleLink } from './rule-link.js'
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
/** New findings are what the reviewer decides on; the others fold away under a heading that says what they are. */
const SECTION: Record<FindingStatus, { heading: (count: number) => string; folded: boolean }> = {
  new: { heading: (count) => `### New findings (${count})`, folded: false },
  existing: { heading: (count) => `Existing findings (${count}): already on the base branch`, folded: true },
  fixed: { heading: (count) => `Fixed by this change (${count})`, folded: true },
}
const TABLE_HEAD = ['| Severity | Rule | Where | Resource | Finding |', '| --- | --- | --- | --- | --- |']

/**
 * The pull request's report, for the summary comment (`maxChars` ~ GitHub's 65,536 limit) and the job
 * summary (no practical limit): counts, the access delta, every finding until the budget, then a pointer.
 */
export function changeReportMarkdown(report: ChangeReport, maxChars: number): string {
  const byStatus: Record<FindingStatus, Finding[]> = { new: inReviewOrder(report.added), existing: inReviewOrder(report.existing), fixed: inReviewOrder(report.fixed) }
  const head: string[] = [
    `## policygate: ${report.conclusion === 'failure' ? '❌ changes requested' : '✅ passed'}`,
    '',
    `${byStatus.new.length} new · ${byStatus.existing.length} existing · ${byStatus.fixed.length} fixed — head \`${report.headSha.slice(0, 7)}\` against base \`${report.baseSha.slice(0, 7)}\`. Gate: ${report.gateDescription}.`,
    '',
    `| | total | ${SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}`).join(' | ')} |`,
    `| --- | ---: | ${SEVERITIES.map(() => '---:').join(' | ')} |`,
    ...ORDER.map((status) => countRow(status, countBySeverity(byStatus[status]))),
    '',
  ]
  const delta = byStatus.new.filter((f) => f.ruleId === DELTA_RULE)
  if (delta.length > 0) {
    head.push('### Access this change widens', '')
    for (const finding of delta) {
      head.push(`- [${markdownText(`${finding.loc.file}:${finding.loc.startLine}`)}](${report.linkFor(finding, 'new')}) ${markdownText(shortMessage(finding.message, DELTA_MESSAGE_CHARS))}`)
      // One line per service: what it can newly do, by access level.
      for (const line of shownDetails(finding, 20)) head.push(`  - ${markdownText(shortMessage(line, DELTA_MESSAGE_CHARS))}`)
    }
    head.push('')
  }
  const tail: string[] = []
  if (report.unresolved.length > 0) {
    tail.push(`<details><summary>Values that could not be determined (${report.unresolved.length})</summary>`, '')
    for (const finding of report.unresolved.slice(0, 100)) tail.push(`- ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} ${markdownText(shortMessage(finding.message, ROW_MESSAGE_CHARS))}`)
    if (report.unresolved.length > 100) tail.push(`- …and ${report.unresolved.length - 100} more`)
    tail.push('', '</details>', '')
  }
  if (report.suppressedCount > 0) tail.push(`${report.suppressedCount} finding(s) suppressed or waived.`, '')
  if (report.expiring.length > 0) {
    tail.push(`Waivers and suppressions expiring soon (${report.expiring.length}):`, '')
    for (const finding of report.expiring.slice(0, 50)) tail.push(`- ${codeSpan(finding.ruleId)} on ${codeSpan(finding.resource?.address ?? finding.loc.file)} until ${finding.suppressed?.until}${finding.suppressed?.owner ? ` (owner ${markdownText(finding.suppressed.owner)})` : ''}`)
    tail.push('')
  }
  for (const note of report.notes) tail.push(`> ⚠️ ${markdownText(note)}`, '')
  tail.push(`Rulebook: ${codeSpan(report.rulebookSource)}`)

  const sectionFrames = ORDER.filter((status) => byStatus[status].length > 0).map((status) => section(status, byStatus[status].length, []))
  let size = [...head, ...tail, ...sectionFrames.flat()].join('\n').length + 200
  const sections: string[] = []
  let left = 0
  for (const status of ORDER) {
    const shown: string[] = []
    for (const finding of byStatus[status]) {
      const row = findingRow(finding, status, report)
      if (left > 0 || size + row.length + 1 > maxChars) left++
      else {
        shown.push(row)
        size += row.length + 1
      }
    }
    if (shown.length > 0) sections.push(...section(status, byStatus[status].length, shown))
  }
  if (left > 0) sections.push(`…and ${left} more findings: the job summary and the SARIF report list every one.`, '')
  return [...head, ...sections, ...tail].join('\n') + '\n'
}

function section(status: FindingStatus, count: number, rows: string[]): string[] {
  const { heading, folded } = SECTION[status]
  return folded ? [`<details><summary>${heading(count)}</summary>`, '', ...TABLE_HEAD, ...rows, '', '</details>', ''] : [heading(count), '', ...TABLE_HEAD, ...rows, '']
}

function countRow(status: FindingStatus, counts: Record<Severity, number>): string {
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0)
  return `| ${status} | ${total} | ${SEVERITIES.map((s) => counts[s]).join(' | ')} |`
}

function findingRow(finding: Finding, status: FindingStatus, report: ChangeReport): string {
  const where = `${finding.loc.file}:${finding.loc.startLine}`
  return `| ${SEVERITY_ICON[finding.severity]} ${finding.severity} | ${ruleLink(finding.ruleId)} | [${markdownText(where)}](${report.linkFor(finding, status)}) | ${finding.resource ? tableCell(codeSpan(finding.resource.address)) : ''} | ${markdownText(shortMessage(oneLineMessage(finding), ROW_MESSAGE_CHARS))} |`
}
