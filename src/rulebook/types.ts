import type { AwsModel } from '../model/aws.js'
import type { ConfiguredRule } from '../rules/run.js'
import type { Finding } from '../rules/types.js'

/** The organization's rulebook, loaded and validated: which rules run and how findings are judged. */
export interface Rulebook {
  /** Where it was read from (`default`, a path, `owner/repo/path@sha`), for the summary. */
  source: string
  rules: ConfiguredRule[]
  /** Marks waived and suppressed findings, drops findings outside a rule's paths, adds the rulebook's own findings. */
  apply(findings: Finding[], model: AwsModel, now: Date): Finding[]
}
