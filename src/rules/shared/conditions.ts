import type { Condition, Statement } from '../../model/policy.js'
import { isKnown } from '../../model/source.js'

/*
 * Reading Condition blocks: which operator/key pairs narrow who may make a request. A value that is
 * unknown still counts as a narrowing condition: a finding is never guessed from an unknown.
 */

/** Keys that identify or confine the caller, whatever the service (data-perimeter keys). */
export const CALLER_KEYS: readonly string[] = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'kms:calleraccount',
]

/** Operators whose match means "not these values" (StringNotEquals, ArnNotLike, NotIpAddress, …). */
export function isNegatedOperator(operator: string): boolean {
  return /^(ForAllValues:|ForAnyValue:)?(String|Arn)Not|^(ForAllValues:|ForAnyValue:)?NotIpAddress/i.test(operator)
}

/** `…IfExists` passes when the key is absent from the request, so it confines nobody who lacks the key. */
function isIfExists(operator: string): boolean {
  return /IfExists$/i.test(operator)
}

/** Lower-cased key; an unknown key (a variable) yields undefined. */
export function keyOf(condition: Condition): string | undefined {
  return isKnown(condition.key) ? condition.key.value.toLowerCase() : undefined
}

function operatorOf(condition: Condition): string | undefined {
  return isKnown(condition.operator) ? condition.operator.value : undefined
}

/** `*` under a …Like operator, and the whole IPv4 or IPv6 address space, match every caller. */
function matchesEveryone(value: string, operator: string): boolean {
  const text = value.trim()
  return (/Like/i.test(operator) && /^\*+$/.test(text)) || text === '0.0.0.0/0' || text === '::/0'
}

/** True when some value is unknown or a literal that does not match every caller. */
function hasNarrowingValue(condition: Condition, operator: string): boolean {
  return condition.values.some((value) => !isKnown(value) || !matchesEveryone(value.value, operator))
}

/**
 * A positive condition on one of `keys` with a value that narrows (not `*`), not `IfExists`, not `Null`.
 * An unknown operator or key still counts: it might narrow, and we never guess.
 */
export function restrictingConditions(statement: Statement, keys: readonly string[]): Condition[] {
  return statement.conditions.filter((condition) => {
    const operator = operatorOf(condition)
    const key = keyOf(condition)
    if (operator === undefined || key === undefined) return true
    // `Null` only asks whether the key is present: any VPC endpoint, any organization would do.
    if (isNegatedOperator(operator) || isIfExists(operator) || /^Null$/i.test(operator)) return false
    return keys.includes(key) && hasNarrowingValue(condition, operator)
  })
}

/** Conditions on a key, by exact (case-insensitive) name, with any operator. */
export function conditionsOn(statement: Statement, key: string): Condition[] {
  const wanted = key.toLowerCase()
  return statement.conditions.filter((condition) => keyOf(condition) === wanted)
}

/** Positive conditions (not negated, not IfExists) whose key matches `test`; one with an unknown key or operator might be one, so it counts. */
export function positiveConditions(statement: Statement, test: (key: string) => boolean): Condition[] {
  return statement.conditions.filter((condition) => {
    const operator = operatorOf(condition)
    const key = keyOf(condition)
    if (operator === undefined || key === undefined) return true
    return !isNegatedOperator(operator) && !isIfExists(operator) && test(key)
  })
}

/** Keys that single out principals by identity: an SCP statement conditioned on one is aimed at (or exempts) particular principals. */
export function isPrincipalKey(key: string): boolean {
  return ['aws:principalarn', 'aws:principalaccount', 'aws:userid', 'aws:username', 'aws:principaltype', 'aws:principalisawsservice'].includes(key) || key.startsWith('aws:principaltag/')
}
