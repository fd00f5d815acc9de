import type { Statement } from '../model/policy.js'
import { isKnown, type Attr, type SourceRange } from '../model/source.js'
import { actionMatches } from './actions.js'
import { globCovers } from './glob.js'

/*
 * How one statement applies to one action and to resources. An unknown element (a reference the
 * source does not resolve) makes the answer 'unknown': it neither grants nor denies.
 */

export type Effect = 'Allow' | 'Deny'

/** AWS accepts exactly `Allow` and `Deny`. */
export function effectOf(statement: Statement): Effect | undefined {
  const value = statement.effect.value
  return value === 'Allow' || value === 'Deny' ? value : undefined
}

export function isAllow(statement: Statement): boolean {
  return effectOf(statement) === 'Allow'
}

export function isDeny(statement: Statement): boolean {
  return effectOf(statement) === 'Deny'
}

export function knownValues(entries: Attr<string>[] | undefined): string[] {
  return (entries ?? []).filter(isKnown).map((entry) => entry.value)
}

function hasUnknown(entries: Attr<string>[] | undefined): boolean {
  return (entries ?? []).some((entry) => !isKnown(entry))
}

/** The element that makes a statement apply to an action: its Action entry, or for NotAction the NotAction element (its first entry), where the grant is written. */
export interface ActionMatch {
  element: { loc: SourceRange }
  /** The Action entry's text, absent for NotAction. */
  pattern?: string
}

export function matchAction(statement: Statement, actionKey: string): ActionMatch | 'unknown' | undefined {
  if (statement.actions) {
    const entry = statement.actions.find((a) => isKnown(a) && actionMatches(a.value, actionKey))
    if (entry) return { element: entry, pattern: entry.value as string }
    return hasUnknown(statement.actions) ? 'unknown' : undefined
  }
  if (statement.notActions) {
    if (statement.notActions.some((a) => isKnown(a) && actionMatches(a.value, actionKey))) return undefined
    return hasUnknown(statement.notActions) ? 'unknown' : { element: statement.notActions[0] ?? statement }
  }
  return undefined
}

/** What a statement's Resource/NotResource covers. */
export interface ResourceScope {
  patterns: string[]
  /** Set for NotResource: everything except these. */
  except?: string[]
  /** Some entry (or the whole element) is unknown, or the element is absent. */
  unknown: boolean
}

export function resourceScope(statement: Statement): ResourceScope {
  if (statement.notResources) return { patterns: [], except: knownValues(statement.notResources), unknown: hasUnknown(statement.notResources) }
  if (statement.resources) return { patterns: knownValues(statement.resources), unknown: hasUnknown(statement.resources) }
  return { patterns: [], unknown: true }
}

/** A Resource entry of `*`: every resource. */
export function isAllResources(pattern: string): boolean {
  return pattern.trim() === '*'
}

/** Every resource, or all but a few (NotResource): what "on `*`" rules look for. */
export function isWildcardScope(scope: ResourceScope): boolean {
  return scope.except !== undefined || scope.patterns.some(isAllResources)
}

/**
 * Proven to reach a user other than the caller: NotResource, or a known pattern without
 * `${aws:username}`. Unknown entries prove nothing (`user/${aws:username}` built from a variable).
 */
export function reachesOtherUsers(scope: ResourceScope): boolean {
  return scope.except !== undefined || scope.patterns.some((p) => !p.includes('${aws:username}'))
}

/**
 * Every known Resource entry names the caller itself (`user/${aws:username}`, `…/${aws:userid}`):
 * self-management (own keys, own password), not a grant over others. Unknown entries alone prove nothing.
 */
export function isSelfScoped(scope: ResourceScope): boolean {
  return scope.except === undefined && scope.patterns.length > 0 && scope.patterns.every((p) => /\$\{aws:(username|userid)\}/i.test(p))
}

/** `general` applies to every resource `specific` names (used to decide whether a Deny removes an Allow). */
export function scopeCovers(general: ResourceScope, specific: ResourceScope): boolean {
  if (general.patterns.some(isAllResources) && general.except === undefined) return true
  if (general.except !== undefined || specific.except !== undefined || specific.unknown) return false
  return specific.patterns.length > 0 && specific.patterns.every((s) => general.patterns.some((g) => globCovers(g, s, false)))
}

export function isConditional(statement: Statement): boolean {
  return statement.conditions.length > 0
}
