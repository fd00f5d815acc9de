import { SEVERITIES, type AnyRule } from '../rules/types.js'
import { ACCESS_LEVELS } from './custom/iam-predicates.js'
import { KIND_NAMES } from './custom/kinds.js'

/*
 * The rulebook's JSON Schema (draft-07, what editors' YAML support reads best), generated from the
 * rules themselves so that every rule ID autocompletes and every rule's params are validated by
 * its own `params.schema`. policies/rulebook.schema.json is this, written by
 * `node scripts/run-ts.mjs scripts/gen-rulebook-schema.ts`; a test keeps the two equal. `errorMessage` is an annotation
 * (VS Code shows it; the loader uses it) for places where a generic message would not help.
 */

export const SCHEMA_ID = 'https://raw.githubusercontent.com/policygate/policygate/main/policies/rulebook.schema.json'

const SETTING_WORDS = ['on', 'off', true, false, ...SEVERITIES]
const RULE_ID_PATTERN = '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$'
const SELECTOR_PATTERN = '^(\\*|[a-z0-9][a-z0-9-]*/\\*|[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*)$'
const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
const scalar = { type: ['string', 'number', 'boolean'] }
const stringOrList = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] }
const globs = { type: 'array', items: { type: 'string', minLength: 1 } }

function ruleSetting(params: Record<string, unknown>, description?: string): Record<string, unknown> {
  return {
    ...(description && { description }),
    if: { type: 'object' },
    then: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        severity: { enum: SEVERITIES },
        params,
        paths: {
          type: 'object',
          description: 'Path globs (picomatch) relative to the repository root: the rule reports only in files matching include (when given) and not matching exclude.',
          properties: { include: globs, exclude: globs },
          additionalProperties: false,
        },
        controls: { type: 'array', items: { type: 'string' }, description: 'Controls of a framework this rule implements (`CIS AWS 1.5.0 3.2`).' },
      },
      additionalProperties: false,
    },
    else: { enum: SETTING_WORDS, errorMessage: `must be on, off, true, false, a severity (${SEVERITIES.join(', ')}) or a mapping of enabled, severity, params, paths` },
  }
}

const NO_PARAMS = { type: 'object', maxProperties: 0, errorMessage: 'this rule takes no params' }

/** The params every rule declares, by name (the first declaration's schema), for the shared `params:` section. */
function sharedParams(rules: AnyRule[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const rule of rules) {
    const declared = (rule.params?.schema.properties ?? {}) as Record<string, unknown>
    for (const [name, schema] of Object.entries(declared)) properties[name] ??= schema
  }
  return properties
}

function definitions(rules: AnyRule[]): Record<string, unknown> {
  return {
    condition: {
      type: 'object',
      description: 'all / any / not over conditions; a field condition (field + one operator); or an IAM predicate.',
      if: { required: ['all'] },
      then: { properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } }, additionalProperties: false },
      else: {
        if: { required: ['any'] },
        then: { properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } }, additionalProperties: false },
        else: {
          if: { required: ['not'] },
          then: { properties: { not: { $ref: '#/definitions/condition' } }, additionalProperties: false },
          else: {
            if: { required: ['field'] },
            then: { $ref: '#/definitions/fieldCondition' },
            else: { $ref: '#/definitions/predicate' },
          },
        },
      },
    },
    fieldCondition: {
      type: 'object',
      properties: {
        field: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$', description: 'Dotted path into the model object (`api.endpointType`); lists are walked, any element may satisfy the operator.' },
        equals: scalar,
        in: { type: 'array', items: scalar },
        matches: { type: 'string', description: 'RE2 regular expression (linear time: no backreferences or lookaround), unanchored.' },
        exists: { type: 'boolean' },
        less_than: { type: 'number' },
        greater_than: { type: 'number' },
      },
      required: ['field'],
      minProperties: 2,
      maxProperties: 2,
      additionalProperties: false,
      errorMessage: 'a field condition has `field` and exactly one of equals, in, matches, exists, less_than, greater_than',
    },
    predicate: {
      type: 'object',
      properties: {
        all: true, any: true, not: true, field: true,
        allows_action: { ...stringOrList, description: 'Grants an action matching the pattern(s), wildcards expanded against the AWS catalog; for roles and users, their effective permissions.' },
        grants_access_level: { anyOf: [{ enum: ACCESS_LEVELS }, { type: 'array', minItems: 1, items: { enum: ACCESS_LEVELS } }] },
        principal: { enum: ['public', 'cross_account', 'service', 'federated'], description: 'An Allow statement names such a principal (cross_account: an account outside trusted_accounts and the resource\'s own).' },
        has_condition_key: stringOrList,
      },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      errorMessage: 'a condition is one of all, any, not, field, allows_action, grants_access_level, principal, has_condition_key',
    },
    example: {
      type: 'object',
      properties: { code: { type: 'string', minLength: 1 }, lines: { type: 'array', items: { type: 'integer', minimum: 1 } } },
      required: ['code'],
      additionalProperties: false,
    },
    examples: {
      type: 'object',
      properties: { bad: { type: 'array', items: { $ref: '#/definitions/example' } }, good: { type: 'array', items: { $ref: '#/definitions/example' } } },
      additionalProperties: false,
    },
    customRule: {
      type: 'object',
      properties: {
        id: { type: 'string', pattern: RULE_ID_PATTERN, errorMessage: 'a rule ID is `area/name` in lower case (`acme/role-without-boundary`)' },
        title: { type: 'string', minLength: 1 },
        severity: { enum: SEVERITIES },
        message: { type: 'string', minLength: 1, description: '`{resource}` is replaced by the resource address.' },
        why: { type: 'string' },
        fix: { type: 'string' },
        match: { enum: KIND_NAMES, description: 'The model kind the rule looks at.' },
        where: { $ref: '#/definitions/condition' },
        at: { type: 'string', description: 'Field whose location the finding points at.' },
        examples: { type: 'object', properties: { terraform: { $ref: '#/definitions/examples' }, cloudformation: { $ref: '#/definitions/examples' } }, additionalProperties: false },
      },
      required: ['id', 'title', 'severity', 'message', 'match', 'where'],
      additionalProperties: false,
    },
    customRules: { type: 'array', items: { $ref: '#/definitions/customRule' } },
    waiver: {
      type: 'object',
      properties: {
        rule: { type: 'string', pattern: SELECTOR_PATTERN },
        resource: { type: 'string', minLength: 1, description: 'Resource address or glob (`aws_iam_role.break_glass`, `module.legacy.*`, a CloudFormation logical ID).' },
        path: { type: 'string', minLength: 1, description: 'File path glob relative to the repository root.' },
        reason: { type: 'string', pattern: '\\S', errorMessage: 'a waiver needs a written reason' },
        owner: { type: 'string', minLength: 1 },
        expires: { type: 'string', pattern: DATE_PATTERN, errorMessage: 'must be a date YYYY-MM-DD (quote it if your editor turns it into something else)' },
      },
      required: ['rule', 'reason'],
      additionalProperties: false,
    },
    ruleParams: { type: 'object', properties: sharedParams(rules), additionalProperties: false },
  }
}

export function rulebookSchema(rules: AnyRule[]): Record<string, unknown> {
  const ruleProperties = Object.fromEntries(
    [...rules].sort((a, b) => a.id.localeCompare(b.id)).map((rule) => [rule.id, ruleSetting(rule.params?.schema ?? NO_PARAMS, `${rule.severity} · ${rule.title}`)]),
  )
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'policygate rulebook',
    description: 'Which rules run and how (severity, params, paths), custom rules, and waivers. See docs/rulebook.md.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      extends: { ...stringOrList, description: 'policygate:recommended | policygate:strict | policygate:cis-aws, a relative file, or owner/repo/path@ref; later entries override earlier ones, this file overrides them all.' },
      params: { $ref: '#/definitions/ruleParams', description: 'Params shared by every rule that declares them.' },
      rules: {
        type: 'object',
        propertyNames: { pattern: SELECTOR_PATTERN, errorMessage: 'a rule key is a rule ID, `area/*` or `*`' },
        properties: ruleProperties,
        additionalProperties: ruleSetting({ $ref: '#/definitions/ruleParams' }),
      },
      custom_rules: { $ref: '#/definitions/customRules' },
      custom_rule_files: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Files with a `custom_rules:` list, relative to this rulebook (rule packs under policies/).' },
      waivers: { type: 'array', items: { $ref: '#/definitions/waiver' } },
      limits: {
        type: 'object',
        properties: { max_file_size_mb: { type: 'number', exclusiveMinimum: 0, description: 'Files larger than this many megabytes are reported as policygate/parse-error and not parsed (default 10).' } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    definitions: definitions(rules),
  }
}

/** A rule pack file: only custom rules. */
export function rulePackSchema(rules: AnyRule[]): Record<string, unknown> {
  const root = rulebookSchema(rules)
  return {
    $schema: root.$schema,
    type: 'object',
    properties: { $schema: { type: 'string' }, custom_rules: { $ref: '#/definitions/customRules' } },
    required: ['custom_rules'],
    additionalProperties: false,
    definitions: root.definitions,
  }
}
