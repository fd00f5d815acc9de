import type { AwsModel } from '../model/aws.js'
import type { InlineSuppression } from '../model/resource.js'
import type { ConfiguredRule } from '../rules/run.js'
import type { Finding } from '../rules/types.js'
import type { EffectiveRulebook } from './effective.js'

/** The organization's rulebook, loaded and validated: which rules run and how findings are judged. */
export interface Rulebook {
  /** Where it was read from (`default`, a path, `owner/repo/path@sha`), for the summary. */
  source: string
  rules: ConfiguredRule[]
  /** Marks waived and suppressed findings, drops findings outside a rule's paths, adds the rulebook's own findings. */
  apply(findings: Finding[], model: AwsModel, now: Date, gate?: SuppressionGate): Finding[]
  /** True for a file no enabled rule may report in (every rule's paths exclude it): the scan does not read it. */
  excludesFile?(path: string): boolean
  /** The rulebook's `limits`: files above maxFileBytes are reported, not parsed (default 10 MB). */
  limits?: { maxFileBytes?: number }
}

/**
 * Asked before an inline suppression hides a finding; absent, every valid suppression counts (full scans).
 * In pull-request mode it lets through only what the base commit already suppressed.
 */
export type SuppressionGate = (suppression: InlineSuppression, finding: Finding) => boolean

/** A rulebook read by loadRulebook (or the defaults): what it merged to, and which repository files it came from. */
export interface LoadedRulebook extends Rulebook {
  effective: EffectiveRulebook
  /** Repository paths the rulebook is read from (the rulebook, extended files, rule packs, and its default path): changing any of them in a pull request is rulebook/modified-in-change. */
  repositoryFiles: string[]
}
