import type { PolicyDocument, Statement } from '../model/policy.js'
import { isKnown, type Attr } from '../model/source.js'
import { isAllActions } from './actions.js'
import { globCovers, normalizeVariables } from './glob.js'
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

/*
 * Which item (statement, or entry of one element) is covered by which: for each item, the first
 * other one that covers it, of two that cover each other the earlier. Asking every pair would be
 * quadratic (4,000 statements took 39 s), so:
 * - items written identically (same signature) are one group: the first of a group is covered by
 *   the first other group that covers it, or by nothing; every later one of the group by that same
 *   item when it comes before the group, else by the group's first;
 * - a pattern covers a value only if its text before the first wildcard begins the value, so the
 *   groups that may cover an item are found in a trie of those prefixes, walked along the item's
 *   entry with the fewest candidates, and only those are checked, in order.
 * Work is about linear in the policy's text plus one check per remaining candidate.
 */

/** How a kind of item is compared and indexed. */
interface Coverage<T> {
  /** Equal signatures: written identically, so each covers the other and both are covered alike. Undefined: the item is a group of its own. */
  signature(item: T): string | undefined
  /** False when nothing can cover the item. */
  coverable(item: T): boolean
  /** The literal prefixes under which an item is indexed as a possible cover (one per pattern it holds, namespaced); undefined when it covers nothing. */
  prefixes(item: T): string[] | undefined
  /** The texts an item's covers must begin (namespaced like prefixes): the covers of any one of them are the candidates. None: every item may cover it. */
  probes(item: T): string[]
  covers(general: T, specific: T): boolean
}

/** For every item, the index of the first other item that covers it (see above), or undefined. */
function firstCovers<T>(items: T[], coverage: Coverage<T>): (number | undefined)[] {
  const groupOf = new Map<string, number>()
  const leaders: number[] = []
  const leaderOf = items.map((item, i) => {
    const signature = coverage.signature(item)
    let leader = signature === undefined ? undefined : groupOf.get(signature)
    if (leader === undefined) {
      if (signature !== undefined) groupOf.set(signature, i)
      leaders.push((leader = i))
    }
    return leader
  })
  const trie = new PrefixTrie()
  const indexed: number[] = []
  for (const leader of leaders) {
    const prefixes = coverage.prefixes(items[leader]!)
    if (prefixes === undefined) continue
    indexed.push(leader)
    for (const prefix of new Set(prefixes)) trie.add(prefix, leader)
  }
  const leaderCover = new Map<number, number | undefined>()
  for (const leader of leaders) {
    const item = items[leader]!
    if (!coverage.coverable(item)) continue
    const probes = coverage.probes(item)
    const fewest = probes.length === 0 ? undefined : probes.reduce((best, probe) => (trie.count(probe) < trie.count(best) ? probe : best))
    const candidates = fewest === undefined ? indexed : [...new Set(trie.along(fewest))].sort((a, b) => a - b)
    leaderCover.set(
      leader,
      candidates.find((other) => other !== leader && coverage.covers(items[other]!, item) && (!coverage.covers(item, items[other]!) || other < leader)),
    )
  }
  return items.map((_, i) => {
    const leader = leaderOf[i]!
    const cover = leaderCover.get(leader)
    if (i === leader) return cover
    return cover !== undefined && cover < leader ? cover : leader
  })
}

/** Items by the literal prefixes of their patterns; walking a text visits every prefix of it. */
class PrefixTrie {
  private readonly root: TrieNode = { next: new Map(), items: [] }

  add(prefix: string, item: number): void {
    let node = this.root
    // By UTF-16 unit, as globCovers compares: a prefix may end inside a surrogate pair.
    for (let i = 0; i < prefix.length; i++) {
      const char = prefix[i]!
      let child = node.next.get(char)
      if (!child) node.next.set(char, (child = { next: new Map(), items: [] }))
      node = child
    }
    node.items.push(item)
  }

  /** Items indexed under any prefix of `text` (repeats possible). */
  along(text: string): number[] {
    const found: number[] = []
    this.walk(text, (node) => void found.push(...node.items))
    return found
  }

  count(text: string): number {
    let total = 0
    this.walk(text, (node) => void (total += node.items.length))
    return total
  }

  private walk(text: string, visit: (node: TrieNode) => void): void {
    let node: TrieNode | undefined = this.root
    visit(node)
    for (let i = 0; i < text.length; i++) {
      node = node.next.get(text[i]!)
      if (!node) return
      visit(node)
    }
  }
}

interface TrieNode {
  next: Map<string, TrieNode>
  items: number[]
}

/** The text a value must begin with for `pattern` to cover it: up to the first wildcard, as globCovers compares them. */
function literalPrefix(pattern: string, caseInsensitive: boolean): string {
  const text = normalizeVariables(caseInsensitive ? pattern.trim().toLowerCase() : pattern.trim())
  const wildcard = text.search(/[*?]/)
  return wildcard < 0 ? text : text.slice(0, wildcard)
}

/** A value as a probe: what the prefixes of its covers are compared with. */
function probeText(value: string, caseInsensitive: boolean): string {
  return normalizeVariables(caseInsensitive ? value.trim().toLowerCase() : value.trim())
}

const actionPrefix = (pattern: string): string => (isAllActions(pattern) ? '' : literalPrefix(pattern, true))
const resourcePrefix = (pattern: string): string => (isAllResources(pattern) ? '' : literalPrefix(pattern, false))

/** The texts of entries all known (only such statements take part in coverage). */
function texts(entries: Attr<string>[] | undefined): string[] {
  return (entries ?? []).flatMap((entry) => (isKnown(entry) ? [entry.value] : []))
}

/** What statementCovers asks of a covered statement. */
function coverable(statement: Statement): boolean {
  return effectOf(statement) !== undefined && allKnown(statement.actions) && allKnown(statement.resources) && !statement.principals && !statement.notPrincipals
}

/** What statementCovers asks of a covering one besides. */
function canCover(statement: Statement): boolean {
  return coverable(statement) && conditionsKey(statement) !== undefined
}

const statementCoverage: Coverage<Statement> = {
  signature: (statement) =>
    canCover(statement) ? JSON.stringify([effectOf(statement), texts(statement.actions), texts(statement.resources), conditionsKey(statement)]) : undefined,
  coverable,
  // The effect begins every key: a statement covers only statements of its own effect.
  prefixes: (statement) =>
    canCover(statement)
      ? [...texts(statement.actions).map((a) => `${effectOf(statement)}A${actionPrefix(a)}`), ...texts(statement.resources).map((r) => `${effectOf(statement)}R${resourcePrefix(r)}`)]
      : undefined,
  probes: (statement) => [
    ...texts(statement.actions).map((a) => `${effectOf(statement)}A${probeText(a, true)}`),
    ...texts(statement.resources).map((r) => `${effectOf(statement)}R${probeText(r, false)}`),
  ],
  covers: statementCovers,
}

function entryCoverage(covers: (g: string, s: string) => boolean, prefix: (pattern: string) => string, caseInsensitive: boolean): Coverage<string> {
  return { signature: (value) => value, coverable: () => true, prefixes: (value) => [prefix(value)], probes: (value) => [probeText(value, caseInsensitive)], covers }
}

const actionEntries = entryCoverage(actionCovers, actionPrefix, true)
const resourceEntries = entryCoverage(resourceCovers, resourcePrefix, false)

function redundantEntries(statement: Statement, entries: Attr<string>[] | undefined, coverage: Coverage<string>, kind: 'action' | 'resource'): Redundancy[] {
  const known = (entries ?? []).filter(isKnown) as (Attr<string> & { value: string })[]
  const covers = firstCovers(
    known.map((entry) => entry.value),
    coverage,
  )
  return known.flatMap((entry, i) => {
    const coveredBy = covers[i]
    return coveredBy === undefined ? [] : [{ statement, redundant: entry, coveredBy: known[coveredBy]!, kind, text: entry.value }]
  })
}

export function redundancies(document: PolicyDocument): Redundancy[] {
  const found: Redundancy[] = []
  const statements = document.statements
  const covers = firstCovers(statements, statementCoverage)
  statements.forEach((statement, i) => {
    const coveredBy = covers[i]
    if (coveredBy !== undefined) {
      found.push({ statement, redundant: statement, coveredBy: statements[coveredBy]!, kind: 'statement', text: `statement ${i}` })
      return
    }
    found.push(...redundantEntries(statement, statement.actions, actionEntries, 'action'))
    found.push(...redundantEntries(statement, statement.resources, resourceEntries, 'resource'))
  })
  return found
}
