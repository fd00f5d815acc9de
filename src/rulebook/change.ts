import type { AwsModel } from '../model/aws.js'
import type { InlineSuppression, ResourceMeta } from '../model/resource.js'
import type { Finding } from '../rules/types.js'
import { governanceRules } from '../rules/rulebook/index.js'
import type { ChangedFile } from '../sources/changed-files.js'
import { resourcesOf } from './resources.js'
import type { LoadedRulebook, Rulebook, SuppressionGate } from './types.js'

/*
 * Pull-request mode: the change is judged by the base commit's rulebook, and anything that would
 * loosen it — an edit to the rulebook, to a rule pack it names, or a new or altered suppression —
 * is reported so the owners of the policy review it.
 */

export interface ChangeOfPolicy {
  /** The base commit's rulebook: its repositoryFiles are the files the change must not edit unnoticed. */
  rulebook: LoadedRulebook
  changedFiles: Pick<ChangedFile, 'path' | 'previousPath' | 'status' | 'addedLines'>[]
  /** The models of the scanned files on each side (scan results' `model`). */
  base: AwsModel
  head: AwsModel
  /** What the head's suppression gate turned away (SuppressionLedger.refused), after the head was judged. */
  refused?: SuppressionLedger['refused']
}

const RULE = governanceRules.find((r) => r.id === 'rulebook/modified-in-change')!

/**
 * Inline suppressions as rulebook law: in a pull request a suppression hides a finding only when the base
 * commit's same suppression (rule, reason, date, on the same resource) hid the same finding, matched by
 * fingerprint, so lines may move but nothing the change adds, moves or rewords hides anything before merge.
 */
export interface SuppressionLedger {
  /** Gate for judging the base commit: honours every valid suppression and remembers which finding each hid. */
  base: SuppressionGate
  /** Gate for judging the head: only what the base gate saw. */
  head: SuppressionGate
  /** The suppressions the head gate turned away, each with the finding it tried to hide. */
  refused: { suppression: InlineSuppression; finding: Finding }[]
}

/**
 * `identity` gives a finding's line-independent identity on each side (its fingerprint, with a renamed
 * file's base path taken to its head path), so a base finding and its head twin share one key.
 */
export function suppressionLedger(identity: { base(finding: Finding): string; head(finding: Finding): string }): SuppressionLedger {
  const hidden = new Set<string>()
  const key = (finding: string, s: InlineSuppression) => [finding, s.ruleId, s.reason ?? '', s.until ?? ''].join('\u0000')
  const ledger: SuppressionLedger = {
    base: (suppression, finding) => {
      hidden.add(key(identity.base(finding), suppression))
      return true
    },
    head: (suppression, finding) => {
      if (hidden.has(key(identity.head(finding), suppression))) return true
      ledger.refused.push({ suppression, finding })
      return false
    },
    refused: [],
  }
  return ledger
}

/** The rulebook with a suppression gate applied whenever it judges. */
export function withSuppressionGate<R extends Rulebook>(rulebook: R, gate: SuppressionGate): R {
  return { ...rulebook, apply: (findings, model, now) => rulebook.apply(findings, model, now, gate) }
}

export function modifiedInChange(change: ChangeOfPolicy): Finding[] {
  const setting = change.rulebook.effective.rules.find((r) => r.rule === RULE)
  if (setting && !setting.enabled) return []
  const severity = setting?.severity ?? RULE.severity
  const finding = (loc: Finding['loc'], message: string, element: string, meta?: ResourceMeta, details?: string[]): Finding => ({
    ruleId: RULE.id, severity, title: RULE.title, message, loc, element,
    ...(meta && { resource: { address: meta.address, type: meta.sourceType } }),
    ...(details?.length ? { details } : {}),
  })

  const policyFiles = new Set(change.rulebook.repositoryFiles)
  const findings: Finding[] = []
  for (const file of change.changedFiles) {
    const touched = policyFiles.has(file.path) ? file.path : file.previousPath && policyFiles.has(file.previousPath) ? file.previousPath : undefined
    if (!touched) continue
    const line = file.status === 'removed' ? 1 : (file.addedLines[0]?.start ?? 1)
    const what = file.status === 'added' ? 'adds' : file.status === 'removed' ? 'deletes' : 'changes'
    findings.push(finding({ file: file.path, startLine: line, endLine: line }, `This change ${what} ${touched}, which the rulebook is read from; it is judged by the base branch's rulebook, and the new one applies after merge`, `file[${touched}]`))
  }

  // What each suppression tried and failed to hide: those findings still count, so the suppression is named.
  const stillActive = new Map<InlineSuppression, Finding[]>()
  for (const { suppression, finding: hidden } of change.refused ?? []) {
    if (hidden.suppressed) continue
    const list = stillActive.get(suppression) ?? []
    if (!list.includes(hidden)) stillActive.set(suppression, [...list, hidden])
  }
  const before = new Set(suppressionsOf(change.base).map(({ meta, suppression }) => identity(meta, suppression)))
  for (const { meta, suppression } of suppressionsOf(change.head)) {
    const added = !before.has(identity(meta, suppression))
    const unhidden = stillActive.get(suppression) ?? []
    if (!added && unhidden.length === 0) continue
    const still = unhidden.length > 0 ? `; the ${plural(unhidden.length, 'finding')} it would hide still ${unhidden.length > 1 ? 'count' : 'counts'}` : ''
    const message = added
      ? `This change adds a suppression of ${suppression.ruleId} on ${meta.address}${suppression.until ? ` until ${suppression.until}` : ''}; it hides nothing until the rulebook's owners approve the merge${still}`
      : `The suppression of ${suppression.ruleId} on ${meta.address} did not hide ${unhidden.length > 1 ? 'these findings' : 'this finding'} at the base commit, so it hides ${unhidden.length > 1 ? 'them' : 'it'} only after the rulebook's owners approve the merge${still}`
    const details = unhidden.map((f) => `${f.ruleId} at ${f.loc.file}:${f.loc.startLine}${f.element ? ` (${f.element})` : ''}`)
    findings.push(finding(suppression.loc, message, `suppression[${suppression.ruleId}]`, meta, details))
  }
  return findings
}

function plural(n: number, noun: string): string {
  return n === 1 ? `${noun}` : `${n} ${noun}s`
}

function suppressionsOf(model: AwsModel): { meta: ResourceMeta; suppression: InlineSuppression }[] {
  const seen = new Set<InlineSuppression>()
  return resourcesOf(model).flatMap((meta) =>
    meta.suppressions.filter((s) => !seen.has(s) && seen.add(s)).map((suppression) => ({ meta, suppression })),
  )
}

/** Line-independent: moving a suppression within its resource is no change, altering its rule, reason or date is. */
function identity(meta: ResourceMeta, suppression: InlineSuppression): string {
  return [meta.address, suppression.ruleId, suppression.reason ?? '', suppression.until ?? ''].join('\u0000')
}
