import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

/* The size limit and the time budget, through the bundled CLI. */

interface JsonFinding {
  ruleId: string
  message: string
  loc: { file: string; startLine: number }
}

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  dirs = []
})

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'policygate-limits-'))
  dirs.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

function scanJson(root: string, extra: string[] = []) {
  const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...extra], { cwd: root })
  const findings = run.stdout.startsWith('{') ? (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings : []
  return { code: run.code, findings, stderr: run.stderr }
}

const admin = (name: string, padding = 0) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
${'#'.repeat(padding)}
`
const template = (padding: number) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
# ${'x'.repeat(padding)}
`

const at = (f: JsonFinding) => `${f.loc.file}:${f.loc.startLine} ${f.ruleId}`

describe('files above the size limit', () => {
  const files = {
    'infra/big.tf': admin('big', 4000),
    'infra/small.tf': admin('small'),
    'cfn/big.yaml': template(4000),
    'cfn/small.yaml': template(0),
    // Large YAML/JSON that is no template or plan is none of ours, skipped or not.
    'data/lock.json': JSON.stringify({ packages: 'x'.repeat(4000) }),
  }

  it('are reported at their first line with their size and not parsed; the other files of the module are', () => {
    const { code, findings } = scanJson(repo(files), ['--max-file-size', '0.002'])
    expect(code).toBe(0)
    const skipped = findings.filter((f) => f.ruleId === 'policygate/parse-error')
    expect(skipped.map(at)).toEqual(['cfn/big.yaml:1 policygate/parse-error', 'infra/big.tf:1 policygate/parse-error'])
    expect(skipped[1]!.message).toBe('not parsed: the file is 4.1 KB, above the 2 KB limit (max-file-size)')
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.loc.file)).toEqual(['cfn/small.yaml', 'infra/small.tf'])
  })

  it('take the limit from the rulebook, and the flag over the rulebook', () => {
    const root = repo({ ...files, '.github/policygate.yml': 'limits:\n  max_file_size_mb: 0.002\n' })
    const byRulebook = scanJson(root)
    expect(byRulebook.findings.filter((f) => f.ruleId === 'policygate/parse-error').map(at)).toEqual(['cfn/big.yaml:1 policygate/parse-error', 'infra/big.tf:1 policygate/parse-error'])
    const byFlag = scanJson(root, ['--max-file-size', '1'])
    expect(byFlag.findings.filter((f) => f.ruleId === 'policygate/parse-error')).toEqual([])
    expect(byFlag.findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.loc.file)).toEqual(['cfn/big.yaml', 'cfn/small.yaml', 'infra/big.tf', 'infra/small.tf'])
  })

  it('default to 10 MB', () => {
    const big = admin('big', 10 * 1024 * 1024)
    const { findings } = scanJson(repo({ 'infra/big.tf': big, 'infra/small.tf': admin('small') }))
    expect(findings.filter((f) => f.ruleId === 'policygate/parse-error').map((f) => f.message)).toEqual([`not parsed: the file is ${big.length} bytes, above the 10485760-byte limit (max-file-size)`])
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.loc.file)).toEqual(['infra/small.tf'])
  })

  it('a limit that is not a positive number is a usage error', () => {
    for (const value of ['0', '-1', 'ten']) expect(runCli(['scan', '.', '--max-file-size', value], { cwd: repo({}) }).code).toBe(2)
    const bad = scanJson(repo({ '.github/policygate.yml': 'limits:\n  max_file_size_mb: 0\n' }))
    expect(bad.code).toBe(2)
  })
})

describe('the time budget', () => {
  it('once spent, the scan reports what it finished, names each file and the rules it did not reach, and exits 3', () => {
    const root = repo({ 'infra/main.tf': admin('a'), 'cfn/template.yaml': template(0) })
    const { code, findings } = scanJson(root, ['--timeout', '0.000001'])
    expect(code).toBe(3)
    const undone = findings.filter((f) => f.ruleId === 'policygate/timeout')
    expect(undone.map((f) => `${f.loc.file}:${f.loc.startLine}`)).toEqual(['.:1', 'cfn/template.yaml:1', 'infra/main.tf:1'])
    expect(undone[1]!.message).toMatch(/^not scanned: the scan's time budget \(0 s, --timeout\) ran out before this file was parsed$/)
    expect(undone[0]!.message).toMatch(/before these rules ran: .*iam\/full-admin/)
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin')).toEqual([])
  })

  it('a generous budget changes nothing', () => {
    const root = repo({ 'infra/main.tf': admin('a') })
    const { code, findings } = scanJson(root, ['--timeout', '300'])
    expect(code).toBe(0)
    expect(findings.map(at)).toContain('infra/main.tf:5 iam/full-admin')
    expect(findings.some((f) => f.ruleId === 'policygate/timeout')).toBe(false)
    expect(runCli(['scan', '.', '--timeout', 'soon'], { cwd: root }).code).toBe(2)
  })
})
