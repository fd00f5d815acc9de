import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { exampleFileName } from '../../src/rulebook/examples.js'
import type { AwsModel } from '../../src/model/aws.js'
import { defaultRulebook, modifiedInChange, suppressionLedger, withSuppressionGate } from '../../src/rulebook/index.js'
import type { Rulebook } from '../../src/rulebook/types.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'
import type { AnyRule, Finding } from '../../src/rules/types.js'
import { fingerprint, scan, type ScanResult } from '../../src/scan.js'

export type ExampleFramework = 'terraform' | 'cloudformation'

/** Only `rule` runs, findings pass through untouched: what the rule itself reports. */
function ruleOnly(rule: AnyRule, params: Record<string, unknown>): Rulebook {
  return { source: 'example', rules: [{ rule, params: { ...(rule.params?.defaults ?? {}), ...params }, severity: rule.severity }], apply: (findings) => findings }
}

async function scanDir(file: string, code: string, rulebook: Rulebook, base?: ScanResult['model'], others: Record<string, string> = {}): Promise<ScanResult> {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-example-'))
  try {
    writeFileSync(join(dir, file), code)
    for (const [path, text] of Object.entries(others)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    return await scan({ root: dir, rulebook, base })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type ExampleInput = { code: string; params?: object; base?: string; files?: Record<string, string> }

/**
 * Scans one example file. A model rule runs alone; a governance rule (reported by the rulebook stage)
 * runs under the default rulebook, and with `base` as a pull request that changes that file.
 */
export async function scanExample(rule: AnyRule, framework: ExampleFramework, example: ExampleInput): Promise<Finding[]> {
  return (await scanExampleWithModel(rule, framework, example)).findings
}

/** scanExample, with the model the example was read into. */
export async function scanExampleWithModel(rule: AnyRule, framework: ExampleFramework, example: ExampleInput): Promise<{ findings: Finding[]; model: AwsModel }> {
  const file = exampleFileName(framework, example.code)
  const governance = governanceRules.includes(rule)
  const rulebook = governance ? defaultRulebook() : ruleOnly(rule, (example.params ?? {}) as Record<string, unknown>)
  // With a base, a pull request: the base commit's suppressions are the only ones that count on the head.
  const suppressions = suppressionLedger({ base: fingerprint, head: fingerprint })
  const base = example.base === undefined ? undefined : await scanDir(file, example.base, withSuppressionGate(rulebook, suppressions.base), undefined, example.files)
  const head = await scanDir(file, example.code, base ? withSuppressionGate(rulebook, suppressions.head) : rulebook, base?.model, example.files)
  if (!governance || !base) return { findings: head.findings, model: head.model }
  const changedFiles = [{ path: file, status: 'modified' as const, addedLines: [{ start: 1, end: example.code.split('\n').length }] }]
  const policyFindings = modifiedInChange({ rulebook: defaultRulebook(), changedFiles, base: base.model, head: head.model, refused: suppressions.refused })
  return { findings: [...head.findings, ...policyFindings], model: head.model }
}
