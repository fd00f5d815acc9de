import { expiringSoon, EXPIRY_WARNING_DAYS } from '../rulebook/index.js'
import type { ScanResult } from '../scan.js'
import { SEVERITIES, type Finding } from '../rules/types.js'
import { redact } from './redact.js'
import { active, countBySeverity, ruleDocsUrl } from './summary.js'

export interface MarkdownOptions {
  title?: string
  /** At most this many rows in the findings table; the rest are counted. */
  maxRows?: number
  /** Turns `file:line` into a link (the Action passes a blob URL at the head commit). */
  linkFor?: (finding: Finding) => string | undefined
}

const ICON = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' } as const

/** A Markdown report for job summaries, PR comments and `--format markdown`. */
export function toMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const findings = active(result.findings).filter((f) => f.ruleId !== 'policygate/unresolved')
  const unresolved = active(result.findings).filter((f) => f.ruleId === 'policygate/unresolved')
  const counts = countBySeverity(findings)
  const out: string[] = [`## ${options.title ?? 'policygate'}`, '']
  out.push(
    findings.length === 0
      ? `No findings in ${result.files.length} scanned file(s).`
      : `**${findings.length} finding(s)** in ${result.files.length} scanned file(s).`,
    '',
    `| ${SEVERITIES.map((s) => `${ICON[s]} ${s}`).join(' | ')} |`,
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
        `| ${ICON[finding.severity]} ${finding.severity} | [\`${finding.ruleId}\`](${ruleDocsUrl(finding.ruleId)}) | ${link ? `[${escape(where)}](${link})` : `\`${escape(where)}\``} | ${finding.resource ? `\`${escape(finding.resource.address)}\`` : ''} | ${escape(redact(finding.message))} |`,
      )
    }
    if (findings.length > max) out.push('', `…and ${findings.length - max} more (see the SARIF or JSON report).`)
    out.push('')
  }
  if (unresolved.length > 0) {
    out.push('<details><summary>Values that could not be determined (' + unresolved.length + ')</summary>', '')
    for (const finding of unresolved) out.push(`- \`${escape(finding.loc.file)}:${finding.loc.startLine}\` ${escape(finding.message)}`)
    out.push('', '</details>', '')
  }
  const suppressed = result.findings.length - active(result.findings).length
  if (suppressed > 0) out.push(`${suppressed} finding(s) suppressed or waived.`, '')
  const expiring = expiringSoon(result.findings, result.judgedAt)
  if (expiring.length > 0) {
    out.push(`**Waivers and suppressions expiring within ${EXPIRY_WARNING_DAYS} days** (the finding comes back then):`, '')
    for (const finding of expiring) {
      out.push(`- \`${finding.ruleId}\` at \`${escape(finding.loc.file)}:${finding.loc.startLine}\` until ${finding.suppressed!.until}${finding.suppressed!.owner ? ` (owner: ${escape(finding.suppressed!.owner)})` : ''}`)
    }
    out.push('')
  }
  out.push(`Rulebook: \`${result.rulebookSource}\``)
  return out.join('\n') + '\n'
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
