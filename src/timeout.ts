import type { Finding } from './rules/types.js'

/*
 * The scan's time budget (`--timeout`, the Action's `timeout` input): parsing stops taking files and
 * the rules stop being started once it has run out. What finished is reported as usual; what did
 * not is named here, so a scan cut short can never pass for a complete one.
 */

/** Seconds a scan may take when nothing else is said: far above any real repository, low enough that a hostile one cannot hold a runner. */
export const DEFAULT_TIMEOUT_SECONDS = 600

/** One finding per file left unparsed and one naming the rules left unrun. */
export function unfinishedFindings(undoneFiles: string[], rulesNotRun: string[], timeoutMs: number | undefined): Finding[] {
  if (undoneFiles.length === 0 && rulesNotRun.length === 0) return []
  const budget = `the scan's time budget (${Math.round((timeoutMs ?? 0) / 1000)} s, --timeout) ran out`
  const finding = (file: string, message: string): Finding => ({
    ruleId: 'policygate/timeout',
    severity: 'high',
    title: 'Not scanned: the time budget ran out',
    message,
    loc: { file, startLine: 1, endLine: 1 },
  })
  return [
    ...undoneFiles.map((file) => finding(file, `not scanned: ${budget} before this file was parsed`)),
    ...(rulesNotRun.length > 0 ? [finding('.', `${budget} before these rules ran: ${rulesNotRun.join(', ')}`)] : []),
  ]
}
