import { describe, expect, it } from 'vitest'
import { STANDING, standTogether } from '../../src/rules/overlaps.js'
import { builtinRules } from '../../src/rules/index.js'
import { runRules } from '../../src/rules/run.js'
import type { AnyRule } from '../../src/rules/types.js'
import { scanExampleWithModel, type ExampleFramework } from '../helpers/examples.js'

// Every pair of rules that fire on the same element in any rule's examples must be decided: one
// subsumes the other, or both stand with a reason. So a new rule that overlaps an old one must say how.

const ruleById = new Map(builtinRules.map((rule) => [rule.id, rule]))

function decided(a: AnyRule, b: AnyRule): boolean {
  return Boolean(a.subsumes?.rules.includes(b.id) || b.subsumes?.rules.includes(a.id) || standTogether(a.id, b.id))
}

async function overlapsIn(rule: AnyRule, framework: ExampleFramework, example: { code: string; params?: object }): Promise<Map<string, string>> {
  const { model } = await scanExampleWithModel(rule, framework, example)
  const configured = builtinRules.map((r) => ({ rule: r, params: { ...(r.params?.defaults ?? {}), ...(r === rule ? example.params : {}) }, severity: r.severity }))
  const { findings, places } = runRules(model, configured)
  const pairs = new Map<string, string>()
  for (const a of findings) {
    for (const b of findings) {
      if (a.ruleId >= b.ruleId || places.get(a)!.statement !== places.get(b)!.statement) continue
      pairs.set(`${a.ruleId} + ${b.ruleId}`, `${a.loc.file}:${a.loc.startLine} and ${b.loc.startLine}`)
    }
  }
  return pairs
}

describe('overlapping rules are declared', () => {
  it('every pair firing on one element in the rules\' examples subsumes or stands, and says why', async () => {
    const undeclared = new Map<string, string>()
    for (const rule of builtinRules) {
      for (const framework of ['terraform', 'cloudformation'] as ExampleFramework[]) {
        for (const example of [...(rule.examples[framework]?.bad ?? []), ...(rule.examples[framework]?.good ?? [])]) {
          for (const [pair, where] of await overlapsIn(rule, framework, example)) {
            const [a, b] = pair.split(' + ').map((id) => ruleById.get(id)!)
            if (!decided(a!, b!)) undeclared.set(pair, `${rule.id} ${framework} example, ${where}`)
          }
        }
      }
    }
    expect([...undeclared].map(([pair, where]) => `${pair} (${where})`)).toEqual([])
  }, 300_000)

  it('declarations name real rules, give reasons, and never go both ways', () => {
    for (const rule of builtinRules) {
      for (const id of rule.subsumes?.rules ?? []) expect(ruleById.has(id), `${rule.id} names ${id}`).toBe(true)
      for (const id of rule.subsumes?.rules ?? []) expect(ruleById.get(id)?.subsumes?.rules.includes(rule.id), `${rule.id} and ${id} subsume each other`).toBeFalsy()
    }
    for (const standing of STANDING) for (const id of [...standing.rules, ...(standing.with ?? [])]) expect(ruleById.has(id), `STANDING names ${id}`).toBe(true)
  })
})
