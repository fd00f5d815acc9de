/*
 * The organization rulebook: load, validate, merge, judge. The API the CLI and the Action use:
 *
 *   loadRulebook(options: LoadRulebookOptions): Promise<LoadRulebookResult>
 *     options.rulebook     `--rulebook` / the Action's `rulebook` input: a repository path,
 *                          `policygate:recommended|strict|cis-aws` or `owner/repo/path@ref`.
 *                          Absent: `.github/policygate.yml` when readFile finds it, else policygate:recommended.
 *     options.readFile     (path) => Promise<string | undefined>: a file of the scanned repository
 *                          (POSIX path relative to its root). PR mode: the BASE commit's file
 *                          (`git show <base>:<path>`), so a pull request cannot loosen its own rulebook.
 *     options.fetchRemote  ({owner, repo, path, ref}) => Promise<string | undefined>: central rulebooks;
 *                          the Action passes GET /repos/{owner}/{repo}/contents/{path}?ref= (decoded,
 *                          undefined on 404). The CLI passes none: a central rulebook is then an error.
 *     → { ok: true, rulebook } | { ok: false, errors: RulebookError[] }  (format with formatRulebookError:
 *       `file:line:column: message`; the caller exits 2 / fails the run — never a fallback).
 *   rulebook: LoadedRulebook is a `Rulebook` for scan({ rulebook }), plus `effective` (what
 *     showRulebook prints) and `repositoryFiles` (the repo paths it was read from).
 *
 *   suppressionLedger({ base: fingerprintOnBase, head: fingerprint }): SuppressionLedger — pull-request mode's
 *     suppression law: judge the base with withSuppressionGate(rulebook, ledger.base), the head with
 *     withSuppressionGate(rulebook, ledger.head); a suppression then hides a head finding only if the base
 *     commit's same suppression hid the same finding (by fingerprint). ledger.refused lists what it turned away.
 *   modifiedInChange({ rulebook: baseRulebook, changedFiles, base: baseScan.model, head: headScan.model, refused }): Finding[]
 *     rulebook/modified-in-change findings: a changed file among rulebook.repositoryFiles, a suppression on
 *     the head side that the base side does not have (new, moved to another resource, or with another
 *     reason/date), or one that tried to hide a finding it did not hide at the base commit.
 *
 *   expiringSoon(findings, now, days = 14): Finding[] — suppressed findings whose waiver or inline
 *     suppression lapses within `days`: for the summary.
 *
 *   defaultRulebook(): the rules' own defaults, inline suppressions honoured, no waivers.
 */
import { builtinRules } from '../rules/index.js'
import { defaultEffective, toRulebook } from './build.js'
import { DEFAULT_RULEBOOK_PATH } from './format.js'
import type { LoadedRulebook } from './types.js'

export { loadRulebook, type LoadRulebookOptions, type LoadRulebookResult, type RulebookReaders } from './load.js'
export { formatRulebookError, type RulebookError } from './document.js'
export { modifiedInChange, suppressionLedger, withSuppressionGate, type ChangeOfPolicy, type SuppressionLedger } from './change.js'
export { expiringSoon, EXPIRY_WARNING_DAYS } from './expiring.js'
export { showRulebook } from './show.js'
export type { RemoteRef } from './locations.js'
export type { EffectiveRulebook, EffectiveRule, Waiver } from './effective.js'
export type { Rulebook, LoadedRulebook, SuppressionGate } from './types.js'
export { DEFAULT_RULEBOOK_PATH } from './format.js'

/** The rulebook used when an organization has none: every default-on rule with its shipped params; inline suppressions still apply. */
export function defaultRulebook(): LoadedRulebook {
  return toRulebook(defaultEffective(builtinRules), 'default', [DEFAULT_RULEBOOK_PATH])
}
export { cisControlsByRule } from './controls.js'
