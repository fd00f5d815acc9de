import type { Severity } from '../rules/types.js'

/*
 * The rulebook file as the schema admits it (`policies/rulebook.schema.json`), before merging.
 * Keys are snake_case as they are written in YAML.
 */

export interface RulebookFile {
  $schema?: string
  /** Presets (`policygate:strict`), relative files, central rulebooks (`owner/repo/path@ref`); later ones override earlier ones. */
  extends?: string | string[]
  /** Params shared by every rule that declares them (`trusted_accounts`, `critical_actions`, …). */
  params?: Record<string, unknown>
  /** Keyed by rule ID, `area/*` or `*`. */
  rules?: Record<string, RuleSetting>
  custom_rules?: CustomRuleSpec[]
  /** Files holding `custom_rules:` (rule packs under `policies/`): relative to the repository root, or to the naming rulebook when they start with `./` or `../`. */
  custom_rule_files?: string[]
  waivers?: WaiverSpec[]
  /** What one scanned file may cost; a later layer's value overrides an earlier one's. */
  limits?: { max_file_size_mb?: number }
}

/** `off`, `on`, `true`/`false`, a severity, or the full form. */
export type RuleSetting = 'on' | 'off' | boolean | Severity | RuleEntry

export interface RuleEntry {
  enabled?: boolean
  severity?: Severity
  params?: Record<string, unknown>
  /** Path globs (picomatch, relative to the repository root): the rule reports only inside include and outside exclude. */
  paths?: { include?: string[]; exclude?: string[] }
  /** Control IDs of a framework this rule implements (`CIS AWS 1.5.0 3.2`), for the printed rulebook and the docs. */
  controls?: string[]
}

export interface WaiverSpec {
  /** A rule ID or `area/*`. */
  rule: string
  /** Resource address glob (`aws_iam_role.break_glass`, `module.legacy.*`, a CloudFormation logical ID). */
  resource?: string
  /** File path glob. */
  path?: string
  reason: string
  owner?: string
  /** YYYY-MM-DD: the waiver hides findings up to and including this day. */
  expires?: string
}

export interface CustomRuleSpec {
  id: string
  title: string
  severity: Severity
  /** `{resource}` is replaced by the resource address. */
  message: string
  why?: string
  fix?: string
  /** The model kind the rule looks at (`iam.role`, `policy.statement`, `cloudtrail.trail`, …). */
  match: string
  /** The rule reports every object of the kind for which this holds. */
  where: ConditionSpec
  /** Field whose location the finding points at; default: the element that made the condition true, else the resource's first line. */
  at?: string
  examples?: Partial<Record<'terraform' | 'cloudformation', { bad?: CustomExample[]; good?: CustomExample[] }>>
}

export interface CustomExample {
  code: string
  lines?: number[]
}

export type ConditionSpec =
  | { all: ConditionSpec[] }
  | { any: ConditionSpec[] }
  | { not: ConditionSpec }
  | FieldCondition
  | { allows_action: string | string[] }
  | { grants_access_level: string | string[] }
  | { principal: PrincipalClass }
  | { has_condition_key: string | string[] }

export type PrincipalClass = 'public' | 'cross_account' | 'service' | 'federated'

export interface FieldCondition {
  field: string
  equals?: string | number | boolean
  in?: (string | number | boolean)[]
  matches?: string
  exists?: boolean
  less_than?: number
  greater_than?: number
}

export const DEFAULT_RULEBOOK_PATH = '.github/policygate.yml'
