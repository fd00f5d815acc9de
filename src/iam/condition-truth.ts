import type { Condition, Statement } from '../model/policy.js'
import { isKnown } from '../model/source.js'
import { arnFields } from './arn.js'
import { matchesEveryValue, takesWildcards, type ParsedOperator } from './conditions.js'
import { CALLER_KEYS, conditionKey, conditionOperator } from './confining.js'
import { globCovers, globsIntersect } from './glob.js'

/*
 * Whether a statement's Condition block can hold for a request, judged from what a request context
 * says about each key. This is the one place that answers it: public-access rules ask it for an
 * outside caller, escalation asks it for the service a role is passed to, permissions ask it for
 * Deny statements. What the context does not know, and any unknown key, operator or value, gives
 * 'unknown': a finding is never guessed from it.
 */

/**
 * - holds: every request of the context meets the conditions;
 * - fails: none does;
 * - caller-chooses: the requester decides (a request tag, TLS): an Allow can be met, a Deny avoided;
 * - unknown: cannot be decided offline.
 */
export type Truth = 'holds' | 'fails' | 'caller-chooses' | 'unknown'

/** What a request context knows of one condition key. */
export type KeyKnowledge =
  /** The request does not carry the key (no VPC endpoint on an internet call, no organization for an anonymous caller). */
  | { kind: 'absent' }
  /** Present with a value no policy names: an outside caller's own account, organization, endpoint or address. */
  | { kind: 'outsider' }
  /** Present with a value this IAM pattern matches (a literal when it has no wildcard): `lambda.amazonaws.com`, `arn:aws:lambda:*:*:function:*`. */
  | { kind: 'pattern'; pattern: string }
  /** Present or not, the requester decides its value. */
  | { kind: 'caller-chooses' }
  /** The account of the principal making the request (aws:ResourceAccount of a request within the account): `${aws:PrincipalAccount}` names it; a literal ID may or may not. */
  | { kind: 'own-account' }

export interface RequestContext {
  /** Knowledge of a key, by its lower-case name; undefined when the context knows nothing of it. */
  knowledge(key: string): KeyKnowledge | undefined
}

/** Nothing known: a conditional statement is 'unknown', an unconditional one holds. */
export const ANY_REQUEST: RequestContext = { knowledge: () => undefined }

/** Context keys a requester from outside the account cannot set; every other key of the request is theirs to choose. */
const OUTSIDER_FIXED_KEYS = new Set([...CALLER_KEYS, 'aws:userid', 'aws:username', 'aws:principaltype', 'aws:principalisawsservice', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:viaawsservice'])

/**
 * A caller from outside: another AWS account, or anonymous on the internet (`viaInternet`: no VPC, VPC
 * endpoint or organization in the request). Caller-identity keys hold values no policy names; a
 * condition on any other key (TLS, request or resource tags) confines what is reached, not who
 * reaches it: the caller can meet it.
 */
export function outsiderContext(viaInternet: boolean): RequestContext {
  const absentOnInternet = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn'])
  return {
    knowledge(key) {
      if (viaInternet && absentOnInternet.has(key)) return { kind: 'absent' }
      if (OUTSIDER_FIXED_KEYS.has(key) || key === 'aws:vpcsourceip') return { kind: 'outsider' }
      // Request keys (TLS, request tags, object ACL) and resource keys alike: some request or resource meets them, none names the caller.
      return { kind: 'caller-chooses' }
    },
  }
}

/** A context from known key values; other keys unknown. */
export function contextOf(values: Record<string, KeyKnowledge>): RequestContext {
  const byKey = new Map(Object.entries(values).map(([key, knowledge]) => [key.toLowerCase(), knowledge]))
  return { knowledge: (key) => byKey.get(key) }
}

const BOOL = (value: boolean): Truth => (value ? 'holds' : 'fails')

function negate(truth: Truth): Truth {
  return truth === 'holds' ? 'fails' : truth === 'fails' ? 'holds' : truth
}

/** Values with a policy variable (`${aws:PrincipalAccount}`) compare against a value known only at request time. */
function hasVariable(value: string): boolean {
  return /\$\{[^}]*\}/.test(value)
}

/** Does one listed value match a value of the pattern? holds: every value of it; fails: none. */
function valueAgainstPattern(operator: ParsedOperator, listed: string, pattern: string): Truth {
  if (operator.family !== 'String' && operator.family !== 'ARN') return 'unknown'
  if (hasVariable(listed)) return 'unknown'
  const caseInsensitive = operator.base?.includes('IgnoreCase') ?? false
  const wild = takesWildcards(operator.base ?? '')
  // Under StringEquals a `*` in the listed value is a literal character: compare it as text.
  const listedPattern = wild ? listed : listed.replace(/[*?]/g, '\uFFFD')
  // ARN operators match field by field: a wildcard does not span a colon.
  const listedFields = operator.family === 'ARN' ? arnFields(listedPattern) : undefined
  const patternFields = listedFields && arnFields(pattern)
  const pairs: [string, string][] = listedFields && patternFields ? listedFields.map((field, i) => [field, patternFields[i]!]) : [[listedPattern, pattern]]
  if (pairs.every(([listedField, field]) => globCovers(listedField, field, caseInsensitive))) return 'holds'
  return pairs.every(([listedField, field]) => globsIntersect(listedField, field, caseInsensitive)) ? 'unknown' : 'fails'
}

/** The positive form of a single condition (StringEquals for StringNotEquals) for a key that is present. */
function presentTruth(operator: ParsedOperator, values: string[], knowledge: Extract<KeyKnowledge, { kind: 'outsider' | 'pattern' | 'own-account' }>): Truth {
  if (knowledge.kind === 'own-account') return values.some((v) => /^\$\{aws:PrincipalAccount\}$/i.test(v.trim()) || matchesEveryValue(operator, v)) ? 'holds' : 'unknown'
  if (knowledge.kind === 'outsider') return values.some((v) => matchesEveryValue(operator, v)) ? 'holds' : values.some(hasVariable) ? 'unknown' : 'fails'
  // Any listed value matching is enough (values are ORed).
  const each = values.map((v) => valueAgainstPattern(operator, v, knowledge.pattern))
  if (each.includes('holds')) return 'holds'
  return each.every((t) => t === 'fails') ? 'fails' : 'unknown'
}

/** One operator/key pair against the context. */
export function conditionTruth(condition: Condition, context: RequestContext): Truth {
  const operator = conditionOperator(condition)
  const key = conditionKey(condition)
  if (operator?.base === undefined || key === undefined) return 'unknown'
  const knowledge = context.knowledge(key)
  if (knowledge?.kind === 'caller-chooses') return 'caller-chooses'
  if (!knowledge || !condition.values.every(isKnown)) return 'unknown'
  const values = condition.values.map((v) => v.value as string)
  if (operator.base === 'Null') {
    const wantsAbsent = values.map((v) => v.trim().toLowerCase())
    const absent = knowledge.kind === 'absent'
    return wantsAbsent.every((v) => v === 'true' || v === 'false') ? BOOL(wantsAbsent.includes(absent ? 'true' : 'false')) : 'unknown'
  }
  const negated = /Not/.test(operator.base)
  if (knowledge.kind === 'absent') {
    // A missing key fails a positive operator and meets a negated one; …IfExists and ForAllValues: meet it either way.
    if (operator.ifExists || operator.setOperator === 'ForAllValues') return 'holds'
    return BOOL(negated)
  }
  // NotIpAddress → IpAddress, StringNotEquals → StringEquals, ArnNotLike → ArnLike.
  const positive = { ...operator, base: operator.base.replace('Not', '') }
  const truth = presentTruth(positive, values, knowledge)
  return negated ? negate(truth) : truth
}

/** Every condition of a statement must hold (they are ANDed); none means it always holds. */
export function conditionsTruth(statement: Statement, context: RequestContext): Truth {
  const truths = statement.conditions.map((c) => conditionTruth(c, context))
  if (truths.includes('fails')) return 'fails'
  if (truths.includes('unknown')) return 'unknown'
  return truths.includes('caller-chooses') ? 'caller-chooses' : 'holds'
}

/** An Allow can grant the request: its conditions hold or the caller can meet them; unknown counts when `unknownCounts`. */
export function allowCanApply(truth: Truth, unknownCounts: boolean): boolean {
  return truth === 'holds' || truth === 'caller-chooses' || (unknownCounts && truth === 'unknown')
}

/** A Deny surely applies: its conditions hold whatever the caller does. */
export function denySurelyApplies(truth: Truth): boolean {
  return truth === 'holds'
}
