import { describe, expect, it } from 'vitest'
import { parseRulebookText } from '../../src/rulebook/document.js'
import { PRESETS, readPreset } from '../../src/rulebook/locations.js'
import { validateDocument, validatorsFor } from '../../src/rulebook/validate.js'
import { builtinRules } from '../../src/rules/index.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'

// Loading trusts the shipped presets (their schema check would dominate a scan's cold start): this is that check.
describe('shipped presets', () => {
  it('validate against the rulebook schema of every built-in and governance rule', () => {
    const validate = validatorsFor([...builtinRules, ...governanceRules]).rulebook()
    expect(PRESETS.length).toBeGreaterThanOrEqual(3)
    for (const preset of PRESETS) {
      const parsed = parseRulebookText(readPreset(preset), `policygate:${preset}`)
      if ('errors' in parsed) throw new Error(`${preset}: ${parsed.errors[0]!.message}`)
      expect(validateDocument(parsed.document, validate), preset).toEqual([])
    }
  })

  it('a schema mistake in a preset-shaped document is reported by the same check', () => {
    const validate = validatorsFor([...builtinRules, ...governanceRules]).rulebook()
    const parsed = parseRulebookText('rules:\n  iam/full-admin: loud\n', 'policygate:broken')
    if ('errors' in parsed) throw new Error(parsed.errors[0]!.message)
    expect(validateDocument(parsed.document, validate).map((e) => e.line)).toEqual([2])
  })
})
