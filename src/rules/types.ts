import type { AwsModel } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'
import type { SourceRange } from '../model/source.js'

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info'
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']

/** A concrete fix as data: replace these lines with this text. Becomes a GitHub suggested change. */
export interface SuggestedFix {
  loc: SourceRange
  replacement: string
  description?: string
  /** Rules set this when `loc`'s columns cover only a value to replace (`false` → `true`); the pipeline widens it to whole lines before reporting. */
  valueOnly?: boolean
}

export interface RelatedLocation {
  loc: SourceRange
  message: string
}

/** Why a finding does not count: a rulebook waiver or an inline suppression. */
export interface Suppression {
  kind: 'waiver' | 'inline'
  reason: string
  until?: string
  owner?: string
}

export interface Finding {
  ruleId: string
  severity: Severity
  title: string
  message: string
  loc: SourceRange
  /** The resource the finding is about; absent for file-level diagnostics. */
  resource?: { address: string; type: string }
  /** What exactly is wrong inside the resource (`Statement[Sid].Action[s3:*]`): with ruleId and address, the line-independent identity. */
  element?: string
  /** Lines that expand the message where a report has room (the new access per service and level); one-line reports join them. */
  details?: string[]
  fix?: SuggestedFix
  related?: RelatedLocation[]
  suppressed?: Suppression
  /** Line-independent identity, set by the pipeline: sha256 of rule, file, address, element. */
  fingerprint?: string
  /** Rules whose findings on the same element this one folds in (each is one of `details`, "also: …"); see rules/subsume.ts. */
  subsumed?: string[]
}

/** What a rule reports; the pipeline fills in the rule's ID, severity and title. */
export interface Report {
  /** Where: an Attr, a Statement, a Condition, a ResourceMeta — anything with a `loc`. */
  at: { loc: SourceRange }
  resource: ResourceMeta
  message: string
  element?: string
  details?: string[]
  fix?: SuggestedFix
  related?: RelatedLocation[]
  /** Less severe than the rule's usual finding (an escalation reaching only named roles, a form-only policy issue); a severity the rulebook sets for the rule wins. */
  severity?: Severity
}

export interface RuleContext<P> {
  aws: AwsModel
  params: P
  /** In pull-request mode, the model of the base commit (for rules about what a change adds). */
  base?: AwsModel
}

/** An example is a whole file. A bad one lists the lines the rule must report (1-based, in this file). */
export interface Example<P> {
  code: string
  /** Lines the rule must point at; required for bad examples, ignored for good ones. */
  lines?: number[]
  /** Params for this example, merged over the rule's defaults. */
  params?: Partial<P>
  /** The same file on the base branch, for rules that compare base and head. */
  base?: string
  /** Other files of the example, by path beside the main file (a module the example calls); `lines` are the main file's. */
  files?: Record<string, string>
  /** Where the example's first line is written, for examples of a rulebook's custom rules. */
  declaredAt?: SourceRange
}

export interface FrameworkExamples<P> {
  bad: Example<P>[]
  good: Example<P>[]
}

/**
 * Which findings a rule's finding makes redundant. `statement`: anything of those rules in the same
 * policy statement (the statement as a whole is the problem, e.g. `*` on `*`); `entry`: only those
 * reported at the same entry (the same Action value), since other entries of the statement are other problems.
 */
export interface Subsumption {
  within: 'statement' | 'entry'
  rules: string[]
}

export interface RuleDefinition<P extends object = Record<string, never>> {
  /** Reads as a sentence about the problem: `apigw/method-no-auth`. */
  id: string
  severity: Severity
  title: string
  /** Why it matters, for the docs and the review comment. */
  why: string
  /** How to fix it, in prose. */
  fix: string
  links: string[]
  /** Params: their JSON Schema (validated by the rulebook before the rule runs) and defaults. */
  params?: { schema: Record<string, unknown>; defaults: P }
  /** Off unless a rulebook turns it on (repository-level checks, checks that need a param). */
  enabledByDefault?: boolean
  /** Findings of other rules this one already says on the same element: folded into this rule's finding (see rules/subsume.ts). */
  subsumes?: Subsumption
  check(context: RuleContext<P>, report: (finding: Report) => void): void
  examples: { terraform?: FrameworkExamples<P>; cloudformation?: FrameworkExamples<P> }
}

// eslint-style identity: typing help for rule files, no behaviour.
export function defineRule<P extends object = Record<string, never>>(rule: RuleDefinition<P>): RuleDefinition<P> {
  return rule
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>

/** True when `severity` is as severe as `threshold` or more. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold)
}
