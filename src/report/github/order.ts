import { SEVERITIES, type Finding } from '../../rules/types.js'

/** The order a reviewer reads findings in: most severe first, then by file and line, so one file's findings sit together. */
export function inReviewOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.loc.file.localeCompare(b.loc.file) ||
      a.loc.startLine - b.loc.startLine ||
      a.ruleId.localeCompare(b.ruleId),
  )
}

/** `1 critical, 2 high`: only the severities present, most severe first. */
export function severityBreakdown(findings: readonly Finding[]): string {
  return SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ')
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
