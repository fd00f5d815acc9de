import type { ScanResult } from '../scan.js'
import type { Finding } from '../rules/types.js'
import { redact } from './redact.js'
import { groupByFile, oneLineMessage } from './summary.js'

/*
 * JUnit XML as CI systems render it (GitLab, Jenkins, Azure Pipelines): one test suite per scanned file,
 * one test case per rule that reported in it. A case fails with every active finding of its rule in
 * its body, one per line; a case whose findings are all suppressed or waived is skipped with the
 * reason. A file without findings gets one passing case, so it still shows as checked.
 */

export function toJunit(result: ScanResult): string {
  const byFile = groupByFile(result.findings)
  const files = [...new Set([...result.files, ...byFile.keys()])].sort()
  const suites = files.map((file) => suite(file, byFile.get(file) ?? []))
  const tests = suites.reduce((n, s) => n + s.tests, 0)
  const failures = suites.reduce((n, s) => n + s.failures, 0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="policygate" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n')
}

function suite(file: string, findings: Finding[]): { tests: number; failures: number; xml: string } {
  const byRule = new Map<string, Finding[]>()
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding])
  const cases = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, ofRule]) => testCase(file, ruleId, ofRule))
  if (cases.length === 0) cases.push({ failed: false, xml: `    <testcase name="policygate" classname="${attr(file)}" file="${attr(file)}"/>` })
  const failures = cases.filter((c) => c.failed).length
  const skipped = cases.filter((c) => c.skipped).length
  return {
    tests: cases.length,
    failures,
    xml: [`  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n'),
  }
}

function testCase(file: string, ruleId: string, findings: Finding[]): { failed: boolean; skipped?: boolean; xml: string } {
  const open = `    <testcase name="${attr(ruleId)}" classname="${attr(file)}" file="${attr(file)}" line="${findings[0]!.loc.startLine}">`
  const active = findings.filter((f) => !f.suppressed)
  if (active.length === 0) {
    const reasons = [...new Set(findings.map((f) => f.suppressed!.reason))].join('; ')
    return { failed: false, skipped: true, xml: `${open}\n      <skipped message="${attr(redact(`suppressed: ${reasons}`))}"/>\n    </testcase>` }
  }
  const lines = active.map((f) => `${file}:${f.loc.startLine} ${f.severity} ${redact(oneLineMessage(f))}${f.resource ? ` (${f.resource.address})` : ''}`)
  const message = `${active.length} finding(s): ${redact(oneLineMessage(active[0]!))}`
  return { failed: true, xml: `${open}\n      <failure message="${attr(message)}" type="${active[0]!.severity}">${text(lines.join('\n'))}</failure>\n    </testcase>` }
}

/** XML 1.0 has no place for most control characters, even escaped. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
}
