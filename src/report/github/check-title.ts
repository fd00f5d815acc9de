import type { Finding } from '../../rules/types.js'
import { plural, severityBreakdown } from './order.js'

/** The check run's one line in the PR's checks list: what the change adds first, with its worst severities. */
export function changeCheckTitle(added: readonly Finding[], existing: readonly Finding[], fixed: readonly Finding[]): string {
  const lead = added.length === 0 ? 'No new findings' : `${plural(added.length, 'new finding')} (${severityBreakdown(added)})`
  const rest = [existing.length > 0 ? `${existing.length} existing` : '', fixed.length > 0 ? `${fixed.length} fixed` : ''].filter(Boolean)
  return [lead, ...rest].join(' · ')
}

/** A full scan's title: every finding counts. */
export function fullScanCheckTitle(findings: readonly Finding[], fileCount: number): string {
  const lead = findings.length === 0 ? 'No findings' : `${plural(findings.length, 'finding')} (${severityBreakdown(findings)})`
  return `${lead} in ${plural(fileCount, 'file')}`
}
