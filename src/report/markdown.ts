import { expiringSoon, EXPIRY_WARNING_DAYS } from '../rulebook/index.js'
import type { ScanResult } from '../scan.js'
import { SEVERITIES, type Finding } from '../rules/types.js'
import { inReviewOrder } from './github/order.js'
import { ruleLink } from './github/rule-link.js'
import { codeSpan, markdownText } from './escape.js'
import { active, countBySeverity, filesLine, oneLineMessage, SEVERITY_ICON, tableCell } from './summary.js'

export interface MarkdownOptions {
  title?: string
  /** At most this many rows in the findings table; the rest are counted. */
  maxRows?: number
  /** Turns `file:line` into a link (the Action passes a blob URL at the head commit). */
  linkFor?: (finding: Finding) => string | undefined
  /** Lines added after the findings (a baseline's effect). */
  notes?: string[]
}

/** A Markdown report for job summaries, PR comments and `--format markdown`: most severe first (findings arrive masked: see redact.ts). */
export function toMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const findings = inReviewOrder(active(result.findings).filter((f) => f.ruleId !== 'policygate/unresolved'))
  const unresolved = active(result.findings).filter((f) => f.ruleId === 'policygate/unresolved')
  // The headline and the table count what text, JSON and SARIF count: every active finding, unresolved values included.
  const counts = countBySeverity(active(result.findings))
  const total = findings.length + unresolved.length
  const out: string[] = [`## ${options.title ?? 'policygate'}`, '']
  out.push(
    total === 0
      ? `No findings in ${result.files.length} scanned file(s).`
      : `**${total} finding(s)** in ${result.files.length} scanned file(s)${unresolved.length > 0 ? `, ${unresolved.length} of them values that could not be determined` : ''}.`,
    '',
    `| ${SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${s}`).join(' | ')} |`,
    `| ${SEVERITIES.map(() => '---:').join(' | ')} |`,
    `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} |`,
    '',
  )
  if (findings.length > 0) {
    const max = options.maxRows ?? 200
    out.push('| Severity | Rule | Where | Resource | Finding |', '| --- | --- | --- | --- | --- |')
    for (const finding of findings.slice(0, max)) {
      const where = `${finding.loc.file}:${finding.loc.startLine}`
      const link = options.linkFor?.(finding)
      out.push(
        `| ${SEVERITY_ICON[finding.severity]} ${finding.severity} | ${ruleLink(finding.ruleId)} | ${link ? `[${markdownText(where)}](${link})` : tableCell(codeSpan(where))} | ${finding.resource ? tableCell(codeSpan(finding.resource.address)) : ''} | ${markdownText(oneLineMessage(finding))} |`,
      )
    }
    if (findings.length > max) out.push('', `…and ${findings.length - max} more (see the SARIF or JSON report).`)
    out.push('')
  }
  if (unresolved.length > 0) {
    out.push('<details><summary>Values that could not be determined (' + unresolved.length + ')</summary>', '')
    for (const finding of unresolved) out.push(`- ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} ${markdownText(finding.message)}`)
    out.push('', '</details>', '')
  }
  const suppressed = result.findings.length - active(result.findings).length
  if (suppressed > 0) out.push(`${suppressed} finding(s) suppressed or waived.`, '')
  const expiring = expiringSoon(result.findings, result.judgedAt)
  if (expiring.length > 0) {
    out.push(`**Waivers and suppressions expiring within ${EXPIRY_WARNING_DAYS} days** (the finding comes back then):`, '')
    for (const finding of expiring) {
      out.push(`- ${codeSpan(finding.ruleId)} at ${codeSpan(`${finding.loc.file}:${finding.loc.startLine}`)} until ${finding.suppressed!.until}${finding.suppressed!.owner ? ` (owner: ${markdownText(finding.suppressed!.owner)})` : ''}`)
    }
    out.push('')
  }
  for (const note of options.notes ?? []) out.push(markdownText(note), '')
  out.push(filesLine(result), '')
  out.push(`Rulebook: ${codeSpan(result.rulebookSource)}`)
  return out.join('\n') + '\n'
}
