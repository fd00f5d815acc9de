import type { AwsModel } from '../model/aws.js'
import type { InlineSuppression, ResourceMeta } from '../model/resource.js'
import type { Finding } from '../rules/types.js'
import { governanceRules } from '../rules/rulebook/index.js'
import type { ChangedFile } from '../sources/changed-files.js'
import { selectorMatches } from './effective.js'
import { resourcesOf } from './resources.js'
import type { LoadedRulebook } from './types.js'

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
}

const RULE = governanceRules.find((r) => r.id === 'rulebook/modified-in-change')!

export function modifiedInChange(change: ChangeOfPolicy): Finding[] {
  const setting = change.rulebook.effective.rules.find((r) => r.rule === RULE)
  if (setting && !setting.enabled) return []
  const severity = setting?.severity ?? RULE.severity
  const finding = (loc: Finding['loc'], message: string, element: string, meta?: ResourceMeta): Finding => ({
    ruleId: RULE.id, severity, title: RULE.title, message, loc, element,
    ...(meta && { resource: { address: meta.address, type: meta.sourceType } }),
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

  const before = new Set(suppressionsOf(change.base).map(({ meta, suppression }) => identity(meta, suppression)))
  for (const { meta, suppression } of suppressionsOf(change.head)) {
    if (before.has(identity(meta, suppression))) continue
    findings.push(finding(suppression.loc, `This change adds a suppression of ${suppression.ruleId} on ${meta.address}${suppression.until ? ` until ${suppression.until}` : ''}; it takes effect only after the rulebook's owners approve the merge`, `suppression[${suppression.ruleId}]`, meta))
  }
  return findings
}

/**
 * The head's findings as the base rulebook judges them: a suppression the change adds hides nothing
 * until it is merged, and the rulebook/modified-in-change findings are appended.
 */
export function applyChangePolicy(headFindings: Finding[], change: ChangeOfPolicy): Finding[] {
  const before = new Set(suppressionsOf(change.base).map(({ meta, suppression }) => identity(meta, suppression)))
  const added = suppressionsOf(change.head).filter(({ meta, suppression }) => !before.has(identity(meta, suppression)))
  const lifted = headFindings.map((finding) => {
    const hiddenByNew = finding.suppressed?.kind === 'inline' && added.some(({ meta, suppression }) =>
      meta.address === finding.resource?.address && selectorMatches(suppression.ruleId, finding.ruleId) && suppression.reason === finding.suppressed!.reason && suppression.until === finding.suppressed!.until)
    if (!hiddenByNew) return finding
    const { suppressed: _lifted, ...rest } = finding
    return rest
  })
  return [...lifted, ...modifiedInChange(change)]
}

function suppressionsOf(model: AwsModel): { meta: ResourceMeta; suppression: InlineSuppression }[] {
  const seen = new Set<InlineSuppression>()
  return resourcesOf(model).flatMap((meta) =>
    meta.suppressions.filter((s) => !seen.has(s) && seen.add(s)).map((suppression) => ({ meta, suppression })),
  )
}

/** Line-independent: moving a suppression is no change, altering its rule, reason or date is. */
function identity(meta: ResourceMeta, suppression: InlineSuppression): string {
  return [meta.address, suppression.ruleId, suppression.reason ?? '', suppression.until ?? ''].join('\u0000')
}
