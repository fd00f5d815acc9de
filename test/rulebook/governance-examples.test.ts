import { describe, expect, it } from 'vitest'
import { defaultEffective } from '../../src/rulebook/build.js'
import { runRuleExamples } from '../../src/rulebook/examples.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'

// The governance rules are reported by the rulebook stage, so their examples run through it (with
// today's date: the bad examples expired in 2024, the good ones last until 2999).
for (const rule of governanceRules.filter((r) => r.id !== 'rulebook/modified-in-change')) {
  describe(rule.id, () => {
    it('bad examples are reported at their lines, good ones are silent', async () => {
      const outcomes = await runRuleExamples(defaultEffective(), rule, new Date())
      expect(outcomes.filter((o) => !o.passed)).toEqual([])
      expect(new Set(outcomes.map((o) => o.kind))).toEqual(new Set(['bad', 'good']))
    })
  })
}
