import { loadRulebook } from './load.js'

/** The CIS AWS Foundations controls each rule implements, as the shipped `policygate:cis-aws` preset maps them. */
export async function cisControlsByRule(): Promise<Map<string, string[]>> {
  const loaded = await loadRulebook({ rulebook: 'policygate:cis-aws', readFile: async () => undefined })
  if (!loaded.ok) throw new Error(`the shipped cis-aws preset does not load: ${loaded.errors.map((e) => e.message).join('; ')}`)
  return new Map(loaded.rulebook.effective.rules.filter((r) => r.controls?.length).map((r) => [r.rule.id, r.controls!]))
}
