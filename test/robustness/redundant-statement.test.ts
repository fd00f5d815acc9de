import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAllActions } from '../../src/iam/actions.js'
import { globCovers } from '../../src/iam/glob.js'
import { redundancies, type Redundancy } from '../../src/iam/redundancy.js'
import { effectOf, isAllResources } from '../../src/iam/statement.js'
import type { PolicyDocument, Statement } from '../../src/model/policy.js'
import { attr, isKnown, Unknown, type Attr, type SourceRange } from '../../src/model/source.js'

/*
 * The redundancy search indexes statements instead of comparing every pair. The pairwise search it
 * replaced is kept here as the oracle: on random policies both must give the same findings, with the
 * same covering statement or entry.
 */

const at = (line: number): SourceRange => ({ file: 'p.json', startLine: line, endLine: line })

function pairwise(document: PolicyDocument): Redundancy[] {
  const actionCovers = (g: string, s: string) => isAllActions(g) || globCovers(g.trim(), s.trim())
  const resourceCovers = (g: string, s: string) => isAllResources(g) || globCovers(g.trim(), s.trim(), false)
  const allKnown = (entries: Attr<string>[] | undefined): entries is (Attr<string> & { value: string })[] => entries !== undefined && entries.every(isKnown)
  const conditionsKey = (s: Statement) =>
    s.conditions.every((c) => isKnown(c.operator) && isKnown(c.key) && c.values.every(isKnown))
      ? JSON.stringify(s.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value).sort()]).sort())
      : undefined
  const statementCovers = (covering: Statement, covered: Statement): boolean => {
    if (effectOf(covering) === undefined || effectOf(covering) !== effectOf(covered)) return false
    if (!allKnown(covering.actions) || !allKnown(covered.actions) || !allKnown(covering.resources) || !allKnown(covered.resources)) return false
    if (covering.principals || covered.principals || covering.notPrincipals || covered.notPrincipals) return false
    const key = conditionsKey(covering)
    if (key === undefined || (covering.conditions.length > 0 && key !== conditionsKey(covered))) return false
    const actions = covering.actions
    const resources = covering.resources
    return covered.actions.every((a) => actions.some((g) => actionCovers(g.value, a.value))) && covered.resources.every((r) => resources.some((g) => resourceCovers(g.value, r.value)))
  }
  const entries = (statement: Statement, list: Attr<string>[] | undefined, covers: (g: string, s: string) => boolean, kind: 'action' | 'resource'): Redundancy[] => {
    const known = (list ?? []).filter(isKnown) as (Attr<string> & { value: string })[]
    return known.flatMap((entry, i) => {
      const coveredBy = known.find((other, j) => j !== i && covers(other.value, entry.value) && (!covers(entry.value, other.value) || j < i))
      return coveredBy ? [{ statement, redundant: entry, coveredBy, kind, text: entry.value }] : []
    })
  }
  return document.statements.flatMap((statement, i): Redundancy[] => {
    const coveredBy = document.statements.find((other, j) => j !== i && statementCovers(other, statement) && (!statementCovers(statement, other) || j < i))
    if (coveredBy) return [{ statement, redundant: statement, coveredBy, kind: 'statement', text: `statement ${i}` }]
    return [...entries(statement, statement.actions, actionCovers, 'action'), ...entries(statement, statement.resources, resourceCovers, 'resource')]
  })
}

let line = 0
const value = (pool: string[]) => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.constant(null) })
const entryList = (pool: string[]) =>
  fc.option(fc.array(value(pool), { maxLength: 4 }).map((values) => values.map((v) => attr<string>(v ?? new Unknown('a variable'), at(++line)))), { nil: undefined, freq: 8 })

const ACTIONS = ['*', '*:*', 's3:*', 'S3:Get*', 's3:GetObject', 's3:getobject', ' s3:GetObject', 's3:Get?bject', 's3:${aws:username}', 'sqs:Send*', 'sqs:SendMessage', 'iam:Pass*', 'iam:PassRole']
const RESOURCES = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/a', 'arn:aws:s3:::B/a', 'arn:aws:s3:::b/?', 'arn:aws:s3:::${aws:username}/*', 'arn:aws:sqs:*:1:q', 'arn:aws:sqs:eu-west-1:1:q']

const statement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'allow'),
    actions: entryList(ACTIONS),
    resources: entryList(RESOURCES),
    principal: fc.nat(4).map((n) => n === 0),
    conditions: fc.array(fc.record({ key: fc.constantFrom('aws:SourceVpc', 'aws:PrincipalOrgID'), values: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }), unknown: fc.nat(4).map((n) => n === 0) }), { maxLength: 2 }),
  })
  .map(({ effect, actions, resources, principal, conditions }): Statement => ({
    loc: at(++line),
    index: 0,
    effect: attr(effect, at(line)),
    actions,
    resources,
    ...(principal ? { principals: [{ type: '*', value: attr('*', at(line)) }] } : {}),
    conditions: conditions.map((c) => ({ loc: at(line), operator: attr('StringEquals', at(line)), key: attr(c.key, at(line)), values: c.values.map((v) => attr<string>(c.unknown ? new Unknown('x') : v, at(line))) })),
  }))

function documentOf(statements: Statement[]): PolicyDocument {
  return { kind: 'identity', owner: { address: 'p', sourceType: 'aws_iam_policy', loc: at(1), suppressions: [] }, loc: at(1), statements: statements.map((s, index) => ({ ...s, index })) }
}

const shape = (found: Redundancy[]) => found.map((r) => ({ kind: r.kind, text: r.text, redundant: r.redundant.loc.startLine, coveredBy: r.coveredBy.loc.startLine }))

describe('iam/redundant-statement', () => {
  it('finds exactly what comparing every pair finds, with the same covering statement or entry', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 14 }), (statements) => {
        const document = documentOf(statements)
        expect(shape(redundancies(document))).toEqual(shape(pairwise(document)))
      }),
      { numRuns: 3000 },
    )
  })

  it('judges a policy of 20,000 statements, mostly distinct, in a few seconds', () => {
    const statements: Statement[] = Array.from({ length: 20_000 }, (_, i) => ({
      loc: at(i + 1),
      index: i,
      effect: attr('Allow', at(i + 1)),
      actions: [attr(`s3:GetObject${i % 7 === 0 ? '*' : i}`, at(i + 1))],
      resources: [attr(`arn:aws:s3:::bucket-${i % 5000}/*`, at(i + 1))],
      conditions: [],
    }))
    const started = performance.now()
    const found = redundancies(documentOf(statements))
    expect(performance.now() - started).toBeLessThan(5000)
    expect(found.length).toBeGreaterThan(0)
  })
})
