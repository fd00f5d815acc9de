import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scan } from '../../src/scan.js'
import type { AnyRule, Finding } from '../../src/rules/types.js'

export type ExampleFramework = 'terraform' | 'cloudformation'

/** The file name an example is written to: Terraform as main.tf, CloudFormation as YAML or JSON by its first character. */
export function exampleFileName(framework: ExampleFramework, code: string): string {
  if (framework === 'terraform') return code.trimStart().startsWith('{') ? 'main.tf.json' : 'main.tf'
  return code.trimStart().startsWith('{') ? 'template.json' : 'template.yaml'
}

async function scanDir(code: string, framework: ExampleFramework, rule: AnyRule, params: Record<string, unknown>, base?: Awaited<ReturnType<typeof scan>>['model']) {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-example-'))
  try {
    writeFileSync(join(dir, exampleFileName(framework, code)), code)
    const rulebook = {
      source: 'example',
      rules: [{ rule, params: { ...(rule.params?.defaults ?? {}), ...params }, severity: rule.severity }],
      apply: (findings: Finding[]) => findings,
    }
    return await scan({ root: dir, rulebook, base })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Scans one example file with only `rule` enabled; with `base`, the base version is scanned first and given as the base model. */
export async function scanExample(rule: AnyRule, framework: ExampleFramework, example: { code: string; params?: object; base?: string }): Promise<Finding[]> {
  const params = (example.params ?? {}) as Record<string, unknown>
  const baseModel = example.base === undefined ? undefined : (await scanDir(example.base, framework, rule, params)).model
  const result = await scanDir(example.code, framework, rule, params, baseModel)
  return result.findings
}
