import type { Log, ReportingDescriptor, Result } from 'sarif'
import type { ScanResult } from '../scan.js'
import type { AnyRule, Finding, Severity } from '../rules/types.js'
import { ruleDocsUrl } from './summary.js'

export interface SarifOptions {
  toolVersion: string
  /** Every rule that could have run, for the driver's rule metadata. */
  rules: AnyRule[]
}

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }
// GitHub code scanning reads this property to rank security alerts (0–10).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }

/** Tool findings that are not rules of the catalog still need descriptors. */
const TOOL_RULES: Record<string, { title: string; severity: Severity; why: string }> = {
  'policygate/parse-error': { title: 'File could not be parsed', severity: 'high', why: 'A file that cannot be parsed is not checked; fix the syntax so the policy applies to it.' },
  'policygate/unresolved': { title: 'Value could not be determined', severity: 'info', why: 'A value a rule needed comes from outside the scanned code; it is listed rather than guessed.' },
  'policygate/rule-error': { title: 'A rule failed', severity: 'info', why: 'An internal error in one rule; the other rules still ran.' },
  'policygate/timeout': { title: 'Not scanned: the time budget ran out', severity: 'high', why: 'The scan stopped at its time budget (--timeout); the files and rules it names were not checked.' },
}

/** SARIF 2.1.0 for code scanning: rule metadata, line-independent fingerprints, URIs relative to the scan root. */
export function toSarif(result: ScanResult, options: SarifOptions): Log {
  const descriptors: ReportingDescriptor[] = []
  const indexById = new Map<string, number>()
  const describe = (id: string): number => {
    const known = indexById.get(id)
    if (known !== undefined) return known
    const rule = options.rules.find((r) => r.id === id)
    const meta = rule ?? TOOL_RULES[id] ?? { title: id, severity: 'info' as Severity, why: '' }
    const severity = meta.severity
    descriptors.push({
      id,
      name: id.replace(/[/-](.)/g, (_m, c: string) => c.toUpperCase()),
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.why || meta.title },
      helpUri: ruleDocsUrl(id),
      help: rule ? { text: `${rule.why}\n\nFix: ${rule.fix}`, markdown: `${rule.why}\n\n**Fix:** ${rule.fix}` } : undefined,
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ['security', id.split('/')[0]!], 'security-severity': SECURITY_SEVERITY[severity], precision: 'high' },
    })
    indexById.set(id, descriptors.length - 1)
    return descriptors.length - 1
  }
  const results = result.findings.map((finding) => toResult(finding, describe(finding.ruleId)))
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'policygate', version: options.toolVersion, informationUri: 'https://github.com/policygate/policygate', rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileUri(result.root) } },
        results,
      },
    ],
  }
}

function toResult(finding: Finding, ruleIndex: number): Result {
  const region = {
    startLine: finding.loc.startLine,
    endLine: Math.max(finding.loc.endLine, finding.loc.startLine),
    ...(finding.loc.startColumn ? { startColumn: finding.loc.startColumn } : {}),
  }
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.details?.length ? [finding.message + ':', ...finding.details.map((d) => `- ${d}`)].join('\n') : finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(finding.loc.file), uriBaseId: 'SRCROOT' }, region } }],
    partialFingerprints: { 'policygate/v1': finding.fingerprint ?? '' },
    // Folded findings are one alert: their rules stay searchable here, their messages are in the text.
    properties: { severity: finding.severity, ...(finding.resource ? { resource: finding.resource.address } : {}), ...(finding.subsumed ? { subsumed: finding.subsumed } : {}) },
  }
  if (finding.related?.length) {
    result.relatedLocations = finding.related.map((r, id) => ({
      id,
      message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: encodeUri(r.loc.file), uriBaseId: 'SRCROOT' }, region: { startLine: r.loc.startLine } },
    }))
  }
  if (finding.suppressed) {
    result.suppressions = [{ kind: finding.suppressed.kind === 'inline' ? 'inSource' : 'external', justification: finding.suppressed.reason, status: 'accepted' }]
  }
  if (finding.fix) {
    result.fixes = [
      {
        description: { text: finding.fix.description ?? 'Suggested change' },
        artifactChanges: [
          {
            artifactLocation: { uri: encodeUri(finding.fix.loc.file), uriBaseId: 'SRCROOT' },
            replacements: [{ deletedRegion: { startLine: finding.fix.loc.startLine, endLine: finding.fix.loc.endLine }, insertedContent: { text: finding.fix.replacement } }],
          },
        ],
      },
    ]
  }
  return result
}

function encodeUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/')
}

function pathToFileUri(root: string): string {
  const posix = root.replace(/\\/g, '/')
  return `file://${posix.startsWith('/') ? '' : '/'}${encodeUri(posix)}${posix.endsWith('/') ? '' : '/'}`
}
