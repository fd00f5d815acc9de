import type { Finding } from '../rules/types.js'

/*
 * A baseline: the fingerprints of the findings a repository has today, so a whole-repository scan can
 * report only what is new. Fingerprints do not depend on line numbers, so code that moves keeps its
 * entry; entries are matched one for one, so a second copy of a known problem is still reported.
 */

const BASELINE_VERSION = 1

export interface BaselineEntry {
  fingerprint: string
  /** For the reader of the file; matching uses the fingerprint only. */
  ruleId: string
  file: string
}

export interface Baseline {
  version: typeof BASELINE_VERSION
  entries: BaselineEntry[]
}

/** The baseline file of these findings: the active ones (suppressed findings are hidden already). */
export function toBaselineFile(findings: Finding[]): string {
  const entries = findings
    .filter((f) => !f.suppressed && f.fingerprint)
    .map((f) => ({ fingerprint: f.fingerprint!, ruleId: f.ruleId, file: f.loc.file }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint))
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'policygate', entries }, null, 2)}\n`
}

export function parseBaseline(text: string): Baseline | { error: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { error: `not JSON (${(error as Error).message})` }
  }
  const file = data as Partial<Baseline> | null
  if (!file || file.version !== BASELINE_VERSION || !Array.isArray(file.entries) || !file.entries.every((e) => typeof e?.fingerprint === 'string')) {
    return { error: `not a policygate baseline (version ${BASELINE_VERSION} with an entries list); write one with --write-baseline` }
  }
  return { version: BASELINE_VERSION, entries: file.entries }
}

export interface BaselineOutcome {
  /** The findings minus the active ones the baseline knows. */
  findings: Finding[]
  /** Active findings left out because the baseline holds them. */
  known: number
  /** Baseline entries no finding of this scan matches: fixed, or changed beyond recognition. */
  gone: number
}

export function applyBaseline(findings: Finding[], baseline: Baseline): BaselineOutcome {
  const unmatched = new Map<string, number>()
  for (const entry of baseline.entries) unmatched.set(entry.fingerprint, (unmatched.get(entry.fingerprint) ?? 0) + 1)
  const take = (finding: Finding): boolean => {
    const left = unmatched.get(finding.fingerprint ?? '') ?? 0
    if (left === 0) return false
    unmatched.set(finding.fingerprint!, left - 1)
    return true
  }
  // Suppressed findings still exist: they keep their entries, so those are not counted as gone.
  for (const finding of findings) if (finding.suppressed) take(finding)
  const kept = findings.filter((finding) => finding.suppressed || !take(finding))
  const gone = [...unmatched.values()].reduce((n, left) => n + left, 0)
  return { findings: kept, known: findings.length - kept.length, gone }
}

/** One sentence on what the baseline did, for the report and the job summary. */
export function baselineNote(source: string, outcome: BaselineOutcome): string {
  return `Baseline ${source}: ${outcome.known} known finding(s) not reported; ${outcome.gone} baseline entr${outcome.gone === 1 ? 'y is' : 'ies are'} gone (fixed or changed).`
}
