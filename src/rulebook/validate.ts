import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { AnyRule } from '../rules/types.js'
import { errorAt, nodeAt, type RulebookDocument, type RulebookError } from './document.js'
import { didYouMean } from './nearest.js'
import { rulebookSchema, rulePackSchema } from './schema.js'

/*
 * Schema validation with messages a person can act on: `file:line:column`, the bad key, and the
 * nearest valid name for a typo. Ajv's raw errors for `if/then/else` branches are dropped; the
 * branch's own errors say what is wrong.
 */

export interface Validators {
  /** Compiled on first use: compiling the rulebook schema takes hundreds of milliseconds, and a scan that reads only a shipped preset needs none. */
  rulebook(): ValidateFunction
  rulePack(): ValidateFunction
  /** One per rule with params, for the merged params of every layer. */
  params(rule: AnyRule): ValidateFunction | undefined
}

const cache = new WeakMap<AnyRule[], Validators>()

export function validatorsFor(rules: AnyRule[]): Validators {
  const cached = cache.get(rules)
  if (cached) return cached
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false })
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' })
  const paramValidators = new Map<AnyRule, ValidateFunction>()
  let rulebook: ValidateFunction | undefined
  let rulePack: ValidateFunction | undefined
  const validators: Validators = {
    rulebook: () => (rulebook ??= ajv.compile(rulebookSchema(rules))),
    rulePack: () => (rulePack ??= ajv.compile(rulePackSchema(rules))),
    params(rule) {
      if (!rule.params) return undefined
      let validate = paramValidators.get(rule)
      if (!validate) paramValidators.set(rule, (validate = ajv.compile(rule.params.schema)))
      return validate
    },
  }
  cache.set(rules, validators)
  return validators
}

export function validateDocument(document: RulebookDocument, validate: ValidateFunction): RulebookError[] {
  if (validate(document.data)) return []
  return describeErrors(validate.errors ?? [], document, [])
}

/** Ajv errors → positioned messages; `prefix` is where `data` sits inside the document (for params validated on their own). */
export function describeErrors(errors: ErrorObject[], document: RulebookDocument, prefix: (string | number)[]): RulebookError[] {
  const out = new Map<string, RulebookError>()
  for (const error of errors) {
    if (error.keyword === 'if') continue
    const path = [...prefix, ...pointerSegments(error.instancePath)]
    const described = describe(error, document, path)
    out.set(`${described.line}:${described.column}:${described.message}`, described)
  }
  return [...out.values()].sort((a, b) => a.line - b.line || a.column - b.column)
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

function describe(error: ErrorObject, document: RulebookDocument, path: (string | number)[]): RulebookError {
  const { value, keyLoc } = nodeAt(document.root, path)
  const where = path.length > 0 ? `${path.join('.')}: ` : ''
  const custom = (error.parentSchema as { errorMessage?: string } | undefined)?.errorMessage
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
      const entry = nodeAt(document.root, [...path, key])
      return errorAt(entry.keyLoc ?? value.loc, `${where}unknown key '${key}'${didYouMean(key, known)}`)
    }
    case 'required':
      return errorAt(keyLoc ?? value.loc, `${where}missing key '${(error.params as { missingProperty: string }).missingProperty}'`)
    case 'propertyNames': {
      const key = (error.params as { propertyName: string }).propertyName
      return errorAt(nodeAt(document.root, [...path, key]).keyLoc ?? value.loc, `${where}'${key}' is not a rule ID, area/* or *`)
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
      const given = typeof error.data === 'string' ? error.data : JSON.stringify(error.data)
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed.filter((a): a is string => typeof a === 'string')) : ''
      return errorAt(value.loc, `${where}'${given}' ${custom ? `is not valid: ${custom}` : `is not one of ${allowed.map((a) => String(a)).join(', ')}`}${hint}`)
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type
      const quoteHint = expected === 'string' && typeof error.data === 'number' ? ' (quote it: YAML reads 123456789012 as a number)' : ''
      return errorAt(value.loc, `${where}must be ${Array.isArray(expected) ? expected.join(' or ') : `a ${expected}`}${quoteHint}`)
    }
    default:
      return errorAt(value.loc, `${where}${custom ?? error.message ?? 'is not valid'}`)
  }
}
