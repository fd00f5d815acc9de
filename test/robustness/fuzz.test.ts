import { describe, expect, it } from 'vitest'
import { fuzz } from '../../scripts/fuzz/engine.js'

/*
 * A slice of `npm run fuzz` (the full run tries 100,000 inputs): the same generators and checks on a
 * few hundred inputs, every parser and whole repositories. FUZZ_SEED replays another slice.
 */

describe('fuzzing slice', () => {
  it('no input escapes as an exception, every finding has a real line, and every input finishes', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 1204)
    const report = await fuzz({ count: 400, seed, seconds: 90 })
    expect(report.failures, `seed ${seed}`).toEqual([])
    expect(report.inputs).toBeGreaterThanOrEqual(100)
    expect(Object.keys(report.byTarget).sort()).toEqual(['hcl', 'json-string', 'json-template', 'plan', 'policy', 'repository', 'tf-json', 'tfvars', 'yaml-template'])
  }, 120_000)
})
