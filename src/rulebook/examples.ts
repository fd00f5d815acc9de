import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { AnyRule, Example, Finding } from '../rules/types.js'
import { scan } from '../scan.js'
import type { EffectiveRulebook } from './effective.js'
import { toRulebook } from './build.js'

/*
 * `policygate rulebook test`: every custom rule's bad examples must be reported at exactly their
 * lines, its good examples must be silent — run through the real pipeline, as the built-in rules'
 * examples are.
 */

export type Framework = 'terraform' | 'cloudformation'

export interface ExampleOutcome {
  ruleId: string
  framework: Framework
  kind: 'bad' | 'good'
  index: number
  /** Lines the rule reported, sorted. */
  reported: number[]
  /** Lines it should have reported (empty for good examples). */
  expected: number[]
  /** Parse errors of the example itself. */
  parseErrors: string[]
  passed: boolean
}

/** The file an example is written to: Terraform as main.tf, CloudFormation as YAML, either as JSON when it starts with `{`. */
export function exampleFileName(framework: Framework, code: string): string {
  const json = code.trimStart().startsWith('{')
  if (framework === 'terraform') return json ? 'main.tf.json' : 'main.tf'
  return json ? 'template.json' : 'template.yaml'
}

/** Scans one example file with `effective` (usually one rule, plus the rulebook's own rules) and returns all findings. */
async function scanExampleFile(effective: EffectiveRulebook, framework: Framework, code: string, now: Date, others: Record<string, string> = {}): Promise<Finding[]> {
  const dir = await mkdtemp(join(tmpdir(), 'policygate-rulebook-test-'))
  try {
    await writeFile(join(dir, exampleFileName(framework, code)), code)
    for (const [path, text] of Object.entries(others)) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    const result = await scan({ root: dir, rulebook: toRulebook(effective, 'example', []), now })
    return result.findings
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function runRuleExamples(effective: EffectiveRulebook, rule: AnyRule, now: Date): Promise<ExampleOutcome[]> {
  const setting = effective.rules.find((r) => r.rule === rule)
  const only: EffectiveRulebook = {
    sources: effective.sources,
    rules: [{ rule, enabled: true, severity: setting?.severity ?? rule.severity, params: setting?.params ?? {} }],
    waivers: [],
  }
  const outcomes: ExampleOutcome[] = []
  for (const framework of ['terraform', 'cloudformation'] as const) {
    const examples = rule.examples[framework]
    if (!examples) continue
    const run = async (kind: 'bad' | 'good', example: Example<object>, index: number) => {
      const findings = await scanExampleFile(only, framework, example.code, now, example.files)
      const reported = [...new Set(findings.filter((f) => f.ruleId === rule.id).map((f) => f.loc.startLine))].sort((a, b) => a - b)
      const expected = kind === 'bad' ? [...new Set(example.lines ?? [])].sort((a, b) => a - b) : []
      const parseErrors = findings.filter((f) => f.ruleId === 'policygate/parse-error').map((f) => `${f.loc.startLine}: ${f.message}`)
      const passed = parseErrors.length === 0 && reported.join(',') === expected.join(',') && (kind === 'good' || expected.length > 0)
      outcomes.push({ ruleId: rule.id, framework, kind, index, reported, expected, parseErrors, passed })
    }
    for (const [i, example] of examples.bad.entries()) await run('bad', example, i + 1)
    for (const [i, example] of examples.good.entries()) await run('good', example, i + 1)
  }
  return outcomes
}
