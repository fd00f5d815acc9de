import type { Finding } from '../rules/types.js'
import type { ScanResult } from '../scan.js'

/** What a run produced, whatever the API let it publish: the job summary, the outputs and the exit code come from here. */
export interface RunOutcome {
  mode: 'change' | 'full'
  head: ScanResult
  /** Active findings on what was scanned, diagnostics about unresolved values left out. */
  current: Finding[]
  added: Finding[]
  gating: Finding[]
  conclusion: 'success' | 'failure'
  jobSummary: string
  /** Extra fields for the JSON report (the change's classification). */
  reportExtras: Record<string, unknown>
}

/** A link to a finding's lines at a commit, for summaries and tables. */
export function blobLink(serverUrl: string, repository: { owner: string; repo: string }, sha: string, finding: Finding): string {
  const path = finding.loc.file.split('/').map(encodeURIComponent).join('/')
  const lines = finding.loc.endLine > finding.loc.startLine ? `#L${finding.loc.startLine}-L${finding.loc.endLine}` : `#L${finding.loc.startLine}`
  return `${serverUrl}/${repository.owner}/${repository.repo}/blob/${sha}/${path}${lines}`
}
