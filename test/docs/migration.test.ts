import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FOREIGN_CHECKS } from '../../src/rulebook/foreign-checks.js'
import { builtinRules } from '../../src/rules/index.js'
import { runCli } from '../helpers/cli.js'
import { tempRepo } from '../cli/temp-repo.js'
import { codeBlocks, readDoc } from './markdown.js'

const DOC = 'docs/migration.md'
const doc = readDoc(DOC)

/** The mapping table of the doc: rule → Checkov and Trivy IDs ('—' for none). */
function documentedTable(): Map<string, { checkov: string[]; trivy: string[] }> {
  const ids = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
  const rows = [...doc.matchAll(/^\| `([a-z0-9-]+\/[a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \|$/gm)]
  return new Map(rows.map((m) => [m[1]!, { checkov: ids(m[2]!), trivy: ids(m[3]!) }]))
}

type Finding = { ruleId: string; loc: { startLine: number }; suppressed?: { reason: string }; message: string }

function scanDocExample(language: string, file: string, args: string[] = []): Finding[] {
  const block = codeBlocks(doc).find((b) => b.language === language && /checkov|trivy/.test(b.body))!
  const dir = tempRepo({ [file]: block.body, ...(args.includes('--rulebook') ? { 'off.yml': 'extends: policygate:recommended\nrules:\n  rulebook/foreign-suppression:\n    params:\n      honour_foreign_suppressions: false\n' } : {}) })
  try {
    const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    return (JSON.parse(run.stdout) as { findings: Finding[] }).findings
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('docs/migration.md', () => {
  it('lists every built-in rule once, with exactly the checks src/rulebook/foreign-checks.ts maps', () => {
    const table = documentedTable()
    expect([...table.keys()].sort()).toEqual(builtinRules.map((r) => r.id).sort())
    for (const [ruleId, checks] of table) expect(checks, ruleId).toEqual(FOREIGN_CHECKS[ruleId] ?? { checkov: [], trivy: [] })
    expect(Object.keys(FOREIGN_CHECKS).filter((id) => !table.has(id))).toEqual([])
  })

  it('its Terraform example: both comments suppress with their reasons, and each is reported as rulebook/foreign-suppression', () => {
    const findings = scanDocExample('hcl', 'main.tf')
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id)
    expect(byRule('trail/log-validation-disabled').map((f) => f.suppressed?.reason)).toEqual(['digests are validated by the log archive account'])
    expect(byRule('trail/not-multi-region').map((f) => f.suppressed?.reason)).toEqual(['single-region sandbox trail'])
    const foreign = byRule('rulebook/foreign-suppression')
    expect(foreign.map((f) => f.loc.startLine)).toEqual([2, 9])
    expect(foreign[0]!.message).toContain('policygate:ignore trail/log-validation-disabled')
  })

  it('its CloudFormation example: Metadata.checkov.skip suppresses with its comment', () => {
    const findings = scanDocExample('yaml', 'template.yaml')
    expect(findings.filter((f) => f.ruleId === 'trail/log-validation-disabled').map((f) => f.suppressed?.reason)).toEqual(['digests are validated by the log archive account'])
    expect(findings.filter((f) => f.ruleId === 'rulebook/foreign-suppression').length).toBe(1)
  })

  it('honour_foreign_suppressions: false makes them hide nothing and stops reporting them', () => {
    const findings = scanDocExample('hcl', 'main.tf', ['--rulebook', 'off.yml'])
    expect(findings.filter((f) => f.ruleId.startsWith('trail/') && f.suppressed)).toEqual([])
    expect(findings.filter((f) => f.ruleId === 'trail/log-validation-disabled').length).toBe(1)
    expect(findings.filter((f) => f.ruleId === 'rulebook/foreign-suppression')).toEqual([])
  })

  it('--skip-check takes a Checkov or Trivy check ID for the rules it maps to', () => {
    const findings = scanDocExample('hcl', 'main.tf', ['--skip-check', 'CKV_AWS_36', '--skip-check', 'AVD-AWS-0014'])
    expect(findings.filter((f) => f.ruleId === 'trail/log-validation-disabled' || f.ruleId === 'trail/not-multi-region')).toEqual([])
  })
})
