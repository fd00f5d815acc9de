import { SEVERITIES, type Finding, type Severity } from '../rules/types.js'
import type { ScanResult } from '../scan.js'

/** Findings that count: not waived, not suppressed. */
export function active(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed)
}

/** One icon per severity, the same in every Markdown the tool writes (reports, summaries, review comments). */
export const SEVERITY_ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' }

/** Text for one line of Markdown (a table cell, a list item): a `|` would end a cell and a line break the row. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** The message with its details joined, for reports that give a finding one line. */
export function oneLineMessage(finding: Finding): string {
  return finding.details?.length ? `${finding.message}: ${finding.details.join('; ')}` : finding.message
}

/** A finding's detail lines for a report with limited room: the first `max`, then how many more. */
export function shownDetails(finding: Finding, max: number): string[] {
  const details = finding.details ?? []
  return details.length <= max ? details : [...details.slice(0, max), `…and ${details.length - max} more`]
}

/** The closing line of text and Markdown reports: what the scan read and what it left alone. */
export function filesLine(result: Pick<ScanResult, 'files' | 'skippedPaths' | 'unrecognisedFiles'>): string {
  return `Files: ${result.files.length} scanned, ${result.skippedPaths} skipped by ignore rules, ${result.unrecognisedFiles} not recognised.`
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const finding of findings) counts[finding.severity]++
  return counts
}

export function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings) byFile.set(finding.loc.file, [...(byFile.get(finding.loc.file) ?? []), finding])
  return byFile
}

/** Findings by file and line, each line's most severe first: one code frame, one annotation, one review comment per line. */
export function groupByLine(findings: Finding[]): Map<string, Finding[]> {
  const byLine = new Map<string, Finding[]>()
  for (const finding of findings) {
    const line = `${finding.loc.file}\u0000${finding.loc.startLine}`
    byLine.set(line, [...(byLine.get(line) ?? []), finding])
  }
  for (const here of byLine.values()) here.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId))
  return byLine
}

/** Where each rule's page lives; the repository URL is the project's, pages are generated into docs/rules/. */
const DOCS_BASE = 'https://github.com/policygate/policygate/blob/main/docs/rules'

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`
}
