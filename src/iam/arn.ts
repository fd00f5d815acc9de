import { patternOf } from '../model/pattern.js'
import { isUnknown, type Maybe } from '../model/source.js'
import type { CatalogAction } from './catalog/catalog.js'
import { catalog } from './catalog/catalog.js'
import { globCovers, globsIntersect, normalizeVariables } from './glob.js'

/*
 * ARNs in Resource elements and principals: their account field, whether one pattern names a subset
 * of another's principals, and whether a resource pattern can name a resource type an action accepts
 * (the catalog's ARN formats, `arn:${Partition}:s3:::${BucketName}`).
 */

const ACCOUNT_ID = /^\d{12}$/
/*
 * An ARN pattern (model/pattern.ts) whose account field is literal: the partition and region may be a
 * hole, taken to be a partition or a region, which hold no `:`, so the account keeps its place.
 */
const ARN_PATTERN_ACCOUNT = /^arn:(?:[^:\uFFFC]*|\uFFFC):[^:\uFFFC]+:(?:[^:\uFFFC]*|\uFFFC):(\d{12}):/

/** The account field of an ARN (`arn:aws:sqs:us-east-2:444455556666:queue`) or ARN pattern, when it is a literal 12-digit ID. */
export function accountOfArnValue(value: Maybe<string>): string | undefined {
  if (isUnknown(value)) {
    const pattern = patternOf(value)
    return pattern === undefined ? undefined : ARN_PATTERN_ACCOUNT.exec(pattern)?.[1]
  }
  const fields = value.split(':')
  if (fields[0] !== 'arn' || fields.length < 6) return undefined
  return ACCOUNT_ID.test(fields[4] ?? '') ? fields[4] : undefined
}

/**
 * Two principal ARN patterns name the same principals, one within the other. Plain glob overlap is too
 * loose here: `*` spans `:` and `/`, so `…:role/ops-*` and `…::*:role/BreakGlass` would overlap.
 */
export function nestedArnPatterns(a: string, b: string): boolean {
  return globCovers(a, b) || globCovers(b, a)
}

/** A Resource value that is not `*` and not a well-formed ARN (`arn:partition:service:region:account:resource`). */
export function isMalformedArn(resource: string): boolean {
  const value = resource.trim()
  if (value === '*') return false
  if (!value.startsWith('arn:')) return true
  const parts = normalizeVariables(value).split(':')
  return parts.length < 6 || parts[2] === '' || parts.slice(5).join(':') === ''
}

type Sym = { kind: 'any' } | { kind: 'segment' } | { kind: 'char'; char: string }

function patternSymbols(resource: string): Sym[] {
  return normalizeVariables(resource.toLowerCase())
    .split('')
    .map((char): Sym => (char === '*' ? { kind: 'any' } : char === '?' ? { kind: 'segment' } : { kind: 'char', char }))
}

/**
 * A catalog ARN format as symbols. A variable stays within one path segment (a bucket name has no
 * `/`) unless it is a path, an object key, a log group name, or the last element after a `/`.
 */
function formatSymbols(format: string): Sym[] {
  const symbols: Sym[] = []
  const re = /\$\{([^}]*)\}/g
  let last = 0
  for (let match = re.exec(format); match; match = re.exec(format)) {
    for (const char of format.slice(last, match.index).toLowerCase()) symbols.push({ kind: 'char', char })
    const name = match[1] ?? ''
    const isLast = match.index + match[0].length === format.length
    const afterSlash = format[match.index - 1] === '/'
    const spansSegments = /path|object|key|loggroup|prefix/i.test(name) || (isLast && afterSlash)
    symbols.push({ kind: spansSegments ? 'any' : 'segment' })
    last = match.index + match[0].length
  }
  for (const char of format.slice(last).toLowerCase()) symbols.push({ kind: 'char', char })
  return symbols
}

/** `?` in a pattern is one character; here 'segment' also stands for a run without `/`: both only refuse `/` when consuming. */
function consumes(wild: Sym, other: Sym): boolean {
  return wild.kind === 'any' || other.kind !== 'char' || other.char !== '/'
}

function symbolsIntersect(p: Sym[], q: Sym[]): boolean {
  const memo = new Map<number, boolean>()
  const meet = (i: number, j: number): boolean => {
    const key = i * (q.length + 1) + j
    const cached = memo.get(key)
    if (cached !== undefined) return cached
    const pi = p[i]
    const qj = q[j]
    let result: boolean
    if (!pi && !qj) result = true
    else if (pi && pi.kind !== 'char') result = meet(i + 1, j) || (qj !== undefined && consumes(pi, qj) && meet(i, j + 1))
    else if (qj && qj.kind !== 'char') result = meet(i, j + 1) || (pi !== undefined && consumes(qj, pi) && meet(i + 1, j))
    else result = pi !== undefined && qj !== undefined && pi.kind === 'char' && qj.kind === 'char' && pi.char === qj.char && meet(i + 1, j + 1)
    memo.set(key, result)
    return result
  }
  return meet(0, 0)
}

/** The six fields of an ARN (`arn`, partition, service, region, account, resource), or undefined for fewer. */
export function arnFields(arn: string): string[] | undefined {
  const fields = arn.split(':')
  return fields.length < 6 ? undefined : [...fields.slice(0, 5), fields.slice(5).join(':')]
}

/**
 * A wildcard matches within one field of an ARN (`arn:aws:lambda:*:*:function:x` is no role, although
 * a `*` spanning colons would reach `iam`): the fields are compared one by one. A pattern with fewer
 * fields (`arn:aws:*`) is compared whole.
 */
function fieldsIntersect(value: string, format: string): boolean {
  const valueFields = arnFields(value)
  const formatFields = arnFields(format)
  if (!valueFields || !formatFields) return symbolsIntersect(patternSymbols(value), formatSymbols(format))
  return valueFields.every((field, i) => symbolsIntersect(patternSymbols(field), formatSymbols(formatFields[i]!)))
}

// Keyed by service, resource type and pattern: wildcard expansion asks the same pair for many actions.
const typeMatches = new Map<string, boolean>()

function resourceTypeMatches(service: string, typeName: string, value: string): boolean {
  const key = `${service}\u0000${typeName}\u0000${value}`
  let matches = typeMatches.get(key)
  if (matches === undefined) {
    const details = catalog().resourceType(service, typeName)
    matches = details !== undefined && fieldsIntersect(value, details.arnFormat)
    typeMatches.set(key, matches)
  }
  return matches
}

/** Whether the action can apply to the resource pattern: `*` always; an ARN only if it can name one of the action's resource types. */
export function actionAppliesToResource(action: CatalogAction, resource: string): boolean {
  const value = resource.trim()
  if (value === '*') return true
  return action.resourceTypes.some((type) => resourceTypeMatches(action.service, type.name, value))
}

/** An ARN's partition, region and account fields as `*`: reaching every role "of the account" does not depend on which account. */
function anyLocation(arn: string): string {
  const fields = arn.split(':')
  if (fields.length < 6) return arn
  return [fields[0], '*', fields[2], '*', '*', ...fields.slice(5)].join(':')
}

/**
 * The resource pattern names every resource of one of the action's types (`*`, `arn:aws:iam::*:role/*`,
 * `arn:aws:lambda:*:111122223333:function:*`), not only named or prefixed ones. A policy variable
 * (`user/${aws:username}`) names one resource per caller: it is no wildcard here.
 */
export function coversEveryResource(action: CatalogAction, resource: string): boolean {
  const value = resource.trim()
  if (value === '*') return true
  return action.resourceTypes.some((type) => {
    const details = catalog().resourceType(action.service, type.name)
    return details !== undefined && globCovers(anyLocation(value.replace(/\$\{[^}]*\}/g, '\uFFFD')), anyLocation(details.arnFormat.replace(/\$\{[^}]*\}/g, '*')))
  })
}

/** Some ARN matches both patterns, field by field (a wildcard stays within its field); patterns with fewer fields are compared whole. */
export function arnPatternsIntersect(a: string, b: string): boolean {
  const left = arnFields(a)
  const right = arnFields(b)
  if (!left || !right) return globsIntersect(a, b)
  return left.every((field, i) => globsIntersect(field, right[i]!))
}
