import type { PolicyDocument, Statement } from '../model/policy.js'
import { isKnown, type Attr } from '../model/source.js'
import { isAllActions } from './actions.js'
import { globCovers } from './glob.js'
import { effectOf, isAllResources } from './statement.js'

/*
 * Statements and entries that add nothing: covered by another statement of the same document or
 * by another entry of the same element. Judged on the patterns themselves (sound, not exhaustive).
 */

function actionCovers(general: string, specific: string): boolean {
  return isAllActions(general) || globCovers(general.trim(), specific.trim())
}

function resourceCovers(general: string, specific: string): boolean {
  return isAllResources(general) || globCovers(general.trim(), specific.trim(), false)
}

function allKnown(entries: Attr<string>[] | undefined): entries is (Attr<string> & { value: string })[] {
  return entries !== undefined && entries.every(isKnown)
}

function conditionsKey(statement: Statement): string | undefined {
  if (!statement.conditions.every((c) => isKnown(c.operator) && isKnown(c.key) && c.values.every(isKnown))) return undefined
  return JSON.stringify(statement.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value).sort()]).sort())
}

/** `covering` grants (or denies) everything `covered` does, under no more conditions. */
function statementCovers(covering: Statement, covered: Statement): boolean {
  if (effectOf(covering) === undefined || effectOf(covering) !== effectOf(covered)) return false
  if (!allKnown(covering.actions) || !allKnown(covered.actions) || !allKnown(covering.resources) || !allKnown(covered.resources)) return false
  if (covering.principals || covered.principals || covering.notPrincipals || covered.notPrincipals) return false
  const coveringConditions = conditionsKey(covering)
  if (coveringConditions === undefined || (covering.conditions.length > 0 && coveringConditions !== conditionsKey(covered))) return false
  const coveringActions = covering.actions
  const coveringResources = covering.resources
  return (
    covered.actions.every((a) => coveringActions.some((g) => actionCovers(g.value, a.value))) &&
    covered.resources.every((r) => coveringResources.some((g) => resourceCovers(g.value, r.value)))
  )
}

export interface Redundancy {
  statement: Statement
  /** The statement or entry that adds nothing. */
  redundant: { loc: Statement['loc'] }
  /** What already covers it. */
  coveredBy: { loc: Statement['loc'] }
  kind: 'statement' | 'action' | 'resource'
  text: string
}

function redundantEntries(statement: Statement, entries: Attr<string>[] | undefined, covers: (g: string, s: string) => boolean, kind: 'action' | 'resource'): Redundancy[] {
  const known = (entries ?? []).filter(isKnown) as (Attr<string> & { value: string })[]
  const found: Redundancy[] = []
  known.forEach((entry, i) => {
    // Of two identical entries the later one is the redundant one.
    const coveredBy = known.find((other, j) => j !== i && covers(other.value, entry.value) && (!covers(entry.value, other.value) || j < i))
    if (coveredBy) found.push({ statement, redundant: entry, coveredBy, kind, text: entry.value })
  })
  return found
}

export function redundancies(document: PolicyDocument): Redundancy[] {
  const found: Redundancy[] = []
  const statements = document.statements
  statements.forEach((statement, i) => {
    const coveredBy = statements.find((other, j) => j !== i && statementCovers(other, statement) && (!statementCovers(statement, other) || j < i))
    if (coveredBy) {
      found.push({ statement, redundant: statement, coveredBy, kind: 'statement', text: `statement ${i}` })
      return
    }
    found.push(...redundantEntries(statement, statement.actions, actionCovers, 'action'))
    found.push(...redundantEntries(statement, statement.resources, resourceCovers, 'resource'))
  })
  return found
}
