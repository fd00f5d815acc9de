import { describe, expect, it } from 'vitest'
import { builtinRules } from '../src/rules/index.js'
import { governanceRules } from '../src/rules/rulebook/index.js'
import { scanExample, scanExampleWithModel, type ExampleFramework } from './helpers/examples.js'

// ESLint's RuleTester, our way: each rule's own examples are its tests.
// A bad example must produce this rule at exactly the listed lines; a good one must be silent.

/** Objects the model holds: a good example that yields none would be silent for every rule. */
function modelledObjects(model: object): number {
  return Object.values(model).reduce((count: number, value) => count + (Array.isArray(value) ? value.length : value && typeof value === 'object' ? modelledObjects(value) : 0), 0)
}

for (const rule of [...builtinRules, ...governanceRules]) {
  describe(rule.id, () => {
    for (const framework of ['terraform', 'cloudformation'] as ExampleFramework[]) {
      const examples = rule.examples[framework]
      if (!examples) continue
      examples.bad.forEach((example, i) => {
        it(`${framework} bad #${i + 1} is reported at line ${example.lines?.join(', ')}`, async () => {
          expect(example.lines ?? [], 'a bad example names the lines it is reported at').not.toEqual([])
          const findings = await scanExample(rule, framework, example)
          const parseErrors = findings.filter((f) => f.ruleId === 'policygate/parse-error')
          expect(parseErrors, 'the example itself must parse').toEqual([])
          const lines = [...new Set(findings.filter((f) => f.ruleId === rule.id).map((f) => f.loc.startLine))].sort((a, b) => a - b)
          expect(lines).toEqual([...new Set(example.lines ?? [])].sort((a, b) => a - b))
        })
      })
      examples.good.forEach((example, i) => {
        it(`${framework} good #${i + 1} is silent`, async () => {
          const { findings, model } = await scanExampleWithModel(rule, framework, example)
          expect(findings.filter((f) => f.ruleId === 'policygate/parse-error')).toEqual([])
          expect(modelledObjects(model), 'the example is read into the model').toBeGreaterThan(0)
          expect(findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.loc.startLine}: ${f.message}`)).toEqual([])
        })
      })
    }
    it('has bad and good examples', () => {
      const all = Object.values(rule.examples)
      expect(all.flatMap((e) => e?.bad ?? []).length).toBeGreaterThan(0)
      expect(all.flatMap((e) => e?.good ?? []).length).toBeGreaterThan(0)
    })
  })
}
