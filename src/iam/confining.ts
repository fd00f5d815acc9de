import type { Condition, Statement } from '../model/policy.js'
import { isKnown } from '../model/source.js'
import { confinesToValues, matchesEveryValue, parseOperator, type ParsedOperator } from './conditions.js'

/*
 * Reading a statement's Condition block: which operator/key pairs confine a request to listed values.
 * An unknown key or operator, or an unknown value, might confine: it counts, so a finding is never
 * guessed from an unknown.
 */

/** Keys that identify or confine the caller, whatever the service (data-perimeter keys), lower-cased. */
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

/** Keys that single out principals by identity: a statement conditioned on one is aimed at (or exempts) particular principals. */
export function isPrincipalKey(key: string): boolean {
  return ['aws:principalarn', 'aws:principalaccount', 'aws:userid', 'aws:username', 'aws:principaltype', 'aws:principalisawsservice'].includes(key) || key.startsWith('aws:principaltag/')
}

/** The key lower-cased (key names are case-insensitive in IAM); undefined when the source does not determine it. */
export function conditionKey(condition: Condition): string | undefined {
  return isKnown(condition.key) ? condition.key.value.toLowerCase() : undefined
}

/** The operator parsed (operators are case-sensitive), or undefined when the source does not determine it. */
export function conditionOperator(condition: Condition): ParsedOperator | undefined {
  return isKnown(condition.operator) ? parseOperator(condition.operator.value) : undefined
}

/** Conditions on a key, by name (case-insensitive), with any operator. */
export function conditionsOn(statement: Statement, key: string): Condition[] {
  const wanted = key.toLowerCase()
  return statement.conditions.filter((condition) => conditionKey(condition) === wanted)
}

/**
 * Conditions that require a key `matchesKey` accepts to be present with one of the listed values
 * (see confinesToValues). One whose key or operator is unknown, or whose operator IAM does not
 * know, might: it counts.
 */
export function confiningConditions(statement: Statement, matchesKey: (key: string) => boolean): Condition[] {
  return statement.conditions.filter((condition) => {
    const operator = conditionOperator(condition)
    const key = conditionKey(condition)
    if (operator?.base === undefined || key === undefined) return true
    return confinesToValues(operator) && matchesKey(key)
  })
}

/** Some value is unknown or narrower than every value of the key (an empty list matches nothing: that narrows too); an unknown key or operator might narrow. */
function narrows(condition: Condition): boolean {
  const operator = conditionOperator(condition)
  if (operator?.base === undefined || conditionKey(condition) === undefined) return true
  return condition.values.length === 0 || condition.values.some((value) => !isKnown(value) || !matchesEveryValue(operator, value.value))
}

/** Confining conditions with a value that narrows: `"StringLike": {"aws:SourceArn": "*"}` confines nobody. */
export function narrowingConditions(statement: Statement, matchesKey: (key: string) => boolean): Condition[] {
  return confiningConditions(statement, matchesKey).filter(narrows)
}

/**
 * Conditions that limit which resources a statement reaches, as a Resource ARN would: a tag of the
 * resource or of the request (`aws:ResourceTag/…`, `ec2:ResourceTag/…`, `aws:RequestTag/…`), or any
 * service-specific key (`iam:AWSServiceName`, `elasticfilesystem:AccessPointTag/…`). Global keys about
 * the caller or the network (`aws:SourceIp`, `aws:PrincipalOrgID`) leave every resource reachable.
 */
export function resourceScopingConditions(statement: Statement): Condition[] {
  return narrowingConditions(statement, (key) => /(^|:)(resourcetag|requesttag)\//.test(key) || !key.startsWith('aws:'))
}
