import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseJsonValue } from '../../src/parse/json.js'
import { MAX_NESTING_DEPTH } from '../../src/parse/limits.js'
import { runCli } from '../helpers/cli.js'

/*
 * Deep input through the bundled CLI: every place JSON, YAML or HCL is read refuses nesting past
 * MAX_NESTING_DEPTH with a parse error at the file and line where it passes the limit, the scan goes
 * on, and what the other files hold is still reported. Before, JSON a few thousand levels deep ended
 * the run with `internal error: RangeError: Maximum call stack size exceeded`, exit 2.
 */

const DEEP = 5000
const deepJson = '['.repeat(DEEP) + ']'.repeat(DEEP)

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
  const root = mkdtempSync(join(tmpdir(), 'policygate-hostile-'))
  dirs.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

function scanJson(root: string, extra: string[] = []): { code: number | null; findings: JsonFinding[]; stderr: string } {
  const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...extra], { cwd: root })
  return { code: run.code, findings: run.code === 0 || run.code === 1 || run.code === 3 ? (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings : [], stderr: run.stderr }
}

/** A neighbour in its own directory whose finding must survive whatever the hostile file does. */
const NEIGHBOUR = {
  'ok/main.tf': `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`,
}

const cases: { place: string; path: string; text: string; line: number }[] = [
  { place: 'a CloudFormation JSON template', path: 'cfn/template.json', text: `{\n"AWSTemplateFormatVersion": "2010-09-09",\n"Resources": {"R": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": ${deepJson}}}}}\n`, line: 3 },
  { place: 'a plan', path: 'plan/plan.json', text: `{"format_version": "1.2",\n"planned_values": {"root_module": {"resources": [\n{"address": "aws_iam_policy.p", "type": "aws_iam_policy", "values": {"policy": ${deepJson}}}]}}}\n`, line: 3 },
  { place: 'a .tf.json file', path: 'tfjson/main.tf.json', text: `{\n  "resource": {"aws_iam_policy": {"p": {\n    "policy": ${deepJson}}}}}\n`, line: 3 },
  { place: 'a heredoc policy in a .tf file', path: 'heredoc/main.tf', text: `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = <<EOF\n${deepJson}\nEOF\n}\n`, line: 4 },
  { place: 'jsondecode in a .tf file', path: 'decode/main.tf', text: `locals {\n  doc = jsondecode(\n    "${deepJson}")\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode(local.doc)\n}\n`, line: 2 },
  { place: 'a policy string in a YAML template', path: 'yaml/template.yaml', text: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument: |\n        ${deepJson}\n`, line: 8 },
  { place: 'a policy string in a JSON template', path: 'cfnstring/template.json', text: `{"AWSTemplateFormatVersion": "2010-09-09",\n"Resources": {"R": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p",\n"PolicyDocument": ${JSON.stringify(deepJson)}}}}}\n`, line: 3 },
  { place: 'YAML', path: 'deepyaml/template.yaml', text: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: ${deepJson}\n`, line: 6 },
  { place: 'HCL', path: 'hcl/main.tf', text: `locals {\n  a = 1\n  x = ${deepJson}\n}\n`, line: 3 },
  { place: 'HCL blocks', path: 'blocks/main.tf', text: `resource "aws_iam_role" "r" {\n  name = "r"\n${'  dynamic "a" {\n'.repeat(400)}${'}\n'.repeat(401)}`, line: 258 },
]

describe('input nested deeper than any parser accepts', () => {
  it.each(cases)('in $place is refused at its line and the scan goes on', ({ path, text, line }) => {
    const { code, findings, stderr } = scanJson(repo({ [path]: text, ...NEIGHBOUR }))
    expect(stderr).not.toMatch(/internal error|RangeError/)
    expect(code).toBe(0)
    const refused = findings.filter((f) => f.ruleId === 'policygate/parse-error')
    expect(refused.map((f) => `${f.loc.file}:${f.loc.startLine}`)).toEqual([`${path}:${line}`])
    expect(refused[0]!.message).toMatch(/nest(ed|ing) (more than 256 levels deep|exceeded maxDepth \(256\))/)
    expect(findings.some((f) => f.ruleId === 'iam/full-admin' && f.loc.file === 'ok/main.tf' && f.loc.startLine === 5)).toBe(true)
  })

  it('broken HCL nested thousands of levels deep is a parse error, not handed to HCL\'s own parser (which took the process down)', () => {
    const broken = {
      'a/main.tf': `locals {\n  x = ${'['.repeat(20_000)}\n}\n`,
      'b/main.tf': `locals {\n  y = ${'a ? b : '.repeat(20_000)}\n}\n`,
      'c/main.tf': `locals {\n  z = ${'!'.repeat(50_000)}\n}\n`,
    }
    const { code, findings, stderr } = scanJson(repo({ ...broken, ...NEIGHBOUR }))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(findings.filter((f) => f.ruleId === 'policygate/parse-error').map((f) => f.loc.file)).toEqual(['a/main.tf', 'b/main.tf', 'c/main.tf'])
    expect(findings.some((f) => f.ruleId === 'iam/full-admin' && f.loc.file === 'ok/main.tf')).toBe(true)
  })

  it('accepts JSON exactly at the limit and refuses one level more', () => {
    const at = (depth: number) => parseJsonValue('['.repeat(depth) + ']'.repeat(depth), { file: 'p.json', line: 1, column: 1 })
    expect(at(MAX_NESTING_DEPTH).error).toBeUndefined()
    expect(at(MAX_NESTING_DEPTH + 1).error?.loc).toMatchObject({ startLine: 1, startColumn: MAX_NESTING_DEPTH + 1 })
    // Brackets inside strings are text, not nesting.
    expect(parseJsonValue(JSON.stringify(['['.repeat(10_000)]), { file: 'p.json', line: 1, column: 1 }).error).toBeUndefined()
  })

  it('a policy nested just under the limit is judged, through every stage', () => {
    const nested = (depth: number) => '['.repeat(depth) + '"x"' + ']'.repeat(depth)
    const policy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",\n"Condition": {"StringEquals": {"aws:SourceVpc": ${nested(MAX_NESTING_DEPTH - 9)}}}}]}`
    const { code, findings } = scanJson(repo({ 'cfn/template.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p",\n"PolicyDocument": ${policy}}}}}` }))
    expect(code).toBe(0)
    expect(findings.filter((f) => f.ruleId === 'policygate/parse-error')).toEqual([])
    expect(findings.some((f) => f.ruleId === 'iam/full-admin')).toBe(true)
  })

  it('values stacked deeper by a chain of references are cut at their line: unknown beyond, every other finding kept', () => {
    const links = 12
    const locals = Array.from({ length: links }, (_, i) => `locals {\n  l${i} = ${'['.repeat(100)}local.l${i + 1}${']'.repeat(100)}\n}\n`).join('') + `locals {\n  l${links} = "end"\n}\n`
    const resource = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Condition = { StringEquals = { "aws:SourceVpc" = local.l0 } } }] })\n}\n`
    const { code, findings, stderr } = scanJson(repo({ 'chain/main.tf': locals + resource, ...NEIGHBOUR }))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const cut = findings.filter((f) => f.ruleId === 'policygate/parse-error')
    expect(cut).toHaveLength(1)
    expect(cut[0]!.message).toMatch(/more than 512 levels deep/)
    expect(cut[0]!.loc.startLine).toBeGreaterThan(1)
    expect(findings.some((f) => f.ruleId === 'iam/full-admin' && f.loc.file === 'ok/main.tf')).toBe(true)
  })

  it('YAML aliases that stack values past the limit are cut at their line', () => {
    const anchors = Array.from({ length: 700 }, (_, i) => (i === 0 ? '  a0: &a0 [x]' : `  a${i}: &a${i} [*a${i - 1}]`)).join('\n')
    const template = `AWSTemplateFormatVersion: "2010-09-09"\nMappings:\n${anchors}\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n            Condition: {StringEquals: {"aws:SourceVpc": *a699}}\n`
    const { code, findings } = scanJson(repo({ 'cfn/template.yaml': template }))
    expect(code).toBe(0)
    expect(findings.filter((f) => f.ruleId === 'policygate/parse-error').map((f) => f.message)).toEqual([expect.stringMatching(/R: a value nested more than 512 levels deep/)])
    expect(findings.some((f) => f.ruleId === 'iam/full-admin' && f.loc.startLine === 712)).toBe(true)
  })
})
