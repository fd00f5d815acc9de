import type { ScanResult } from '../scan.js'
import { active, countBySeverity } from './summary.js'

const JSON_REPORT_VERSION = 1

/** Machine output: every finding (suppressed ones marked), counts of the active ones, and where the rulebook came from. */
export function toJson(result: ScanResult, toolVersion: string): string {
  const counted = active(result.findings)
  return JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      tool: { name: 'policygate', version: toolVersion },
      rulebook: result.rulebookSource,
      files: result.files,
      summary: {
        total: counted.length,
        suppressed: result.findings.length - counted.length,
        bySeverity: countBySeverity(counted),
        skippedPaths: result.skippedPaths,
        unrecognisedFiles: result.unrecognisedFiles,
      },
      findings: result.findings,
    },
    null,
    2,
  )
}
