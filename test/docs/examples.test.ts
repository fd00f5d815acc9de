import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/rules/types.js'
import { REPO } from '../helpers/cli.js'
import { bundleCli } from './cli-bundle.js'
import { readDoc } from './markdown.js'

/*
 * The README's first command scans examples/: it must keep showing the main rules, each at the line
 * a reader looks at. Lines are found by their text, so the examples can be edited freely; a rule
 * that stops firing, or moves elsewhere, fails here.
 */

interface Expected {
  rule: string
  /** Text of the line the finding points at; it must occur on exactly one line of the file. */
  at: string
  /** The finding may also point up to this many lines above `at` (the first line of the statement holding it). */
  orAbove?: number
}

const TERRAFORM = 'examples/terraform/main.tf'
const CLOUDFORMATION = 'examples/cloudformation/template.yaml'

const expected: Record<string, Expected[]> = {
  [TERRAFORM]: [
    { rule: 'iam/trust-public', at: 'Principal = { AWS = "*" }' },
    { rule: 'iam/service-wildcard-action', at: 'actions   = ["dynamodb:*"]' },
    { rule: 'iam/passrole-unrestricted', at: 'actions   = ["iam:PassRole"' },
    { rule: 'iam/privilege-escalation', at: 'actions   = ["iam:PassRole"' },
    { rule: 'iam/full-admin', at: '{ "Effect": "Allow", "Action": "*", "Resource": "*" }' },
    { rule: 'iam/user-direct-policy', at: 'resource "aws_iam_user_policy" "ci"' },
    { rule: 'iam/user-access-key', at: 'resource "aws_iam_access_key" "ci"' },
    { rule: 'apigw/method-no-auth', at: 'authorization = "NONE"' },
    { rule: 'lambda/permission-unscoped', at: 'resource "aws_lambda_permission" "api"' },
    { rule: 'trail/not-multi-region', at: 'resource "aws_cloudtrail" "account"' },
    { rule: 'trail/not-encrypted', at: 'resource "aws_cloudtrail" "account"' },
    { rule: 'trail/log-validation-disabled', at: 'enable_log_file_validation = false' },
  ],
  [CLOUDFORMATION]: [
    { rule: 'secrets/cfn-parameter-no-echo', at: 'DatabasePassword:' },
    { rule: 'secrets/cfn-parameter-no-echo', at: 'Default: hunter2-but-longer' },
    { rule: 'apigw/route-no-auth', at: 'AuthorizationType: NONE' },
    { rule: 'iam/not-action-allow', at: 'NotAction: iam:*' },
    { rule: 'iam/privilege-escalation', at: 'NotAction: iam:*', orAbove: 1 },
    { rule: 'vpce/policy-full-access', at: 'DataEndpoint:' },
    { rule: 'trail/not-multi-region', at: 'IsMultiRegionTrail: false' },
    { rule: 'trail/log-validation-disabled', at: '  Trail:' },
    { rule: 'trail/not-encrypted', at: '  Trail:' },
  ],
}

const lines = (file: string) => readFileSync(join(REPO, file), 'utf8').split('\n')

function lineOf(file: string, text: string): number {
  const found = lines(file).flatMap((line, i) => (line.includes(text) ? [i + 1] : []))
  expect(found, `'${text}' is on exactly one line of ${file}`).toHaveLength(1)
  return found[0]!
}

/** Rule IDs the file's leading comment says it shows. */
function headerRules(file: string): string[] {
  const header = lines(file).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('#')))
  return [...header.join('\n').matchAll(/\b([a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*)\b/g)].map((m) => m[1]!)
}

describe('the bundled examples (`policygate scan examples`)', () => {
  let cli: ReturnType<typeof bundleCli>
  let findings: Finding[]
  beforeAll(() => {
    cli = bundleCli()
    const run = cli.run(['scan', 'examples', '--format', 'json', '--fail-on', 'none'])
    expect(run.code, run.stderr).toBe(0)
    findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings
  })
  afterAll(() => cli.cleanup())

  // A rule folded into a stronger finding on the same element is reported there, in its "also:" lines.
  const reportedLines = (file: string, rule: string) => findings.filter((f) => f.loc.file === file && (f.ruleId === rule || f.subsumed?.includes(rule))).map((f) => f.loc.startLine)

  it('parse cleanly: no parse errors, nothing unresolved', () => {
    expect(findings.filter((f) => f.ruleId.startsWith('policygate/'))).toEqual([])
  })

  for (const [file, list] of Object.entries(expected)) {
    for (const { rule, at, orAbove = 0 } of list) {
      it(`${file}: ${rule} at '${at}'`, () => {
        const line = lineOf(file, at)
        const reported = reportedLines(file, rule)
        expect(reported.some((r) => r <= line && r >= line - orAbove), `${rule} reported at ${reported.join(', ') || 'no line'}, expected ${orAbove ? `${line - orAbove}–` : ''}${line}`).toBe(true)
      })
    }

    it(`${file}: every rule its header comment names is reported`, () => {
      const named = headerRules(file)
      expect(named.length).toBeGreaterThanOrEqual(5)
      for (const rule of named) expect(reportedLines(file, rule).length, rule).toBeGreaterThan(0)
    })
  }

  it('examples/plan: every problem its README lists, on the resource it names', () => {
    // A bullet's wrapped lines are indented: join them first.
    const listed = [...readDoc('examples/plan/README.md').replace(/\n {2}/g, ' ').matchAll(/^- `([^`]+)`: .* — ([a-z0-9-]+\/[a-z0-9-]+)[;.]$/gm)].map((m) => ({ address: m[1]!, rule: m[2]! }))
    expect(listed).toHaveLength(3)
    expect(readDoc('examples/plan/README.md')).toContain('It holds three problems')
    for (const { address, rule } of listed) {
      expect(findings.some((f) => f.loc.file === 'examples/plan/plan.json' && f.ruleId === rule && f.resource?.address === address), `${rule} on ${address}`).toBe(true)
    }
  })
})
