import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli.js'
import { builtinRules } from '../../src/rules/index.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'
import { rulebookSchema } from '../../src/rulebook/schema.js'
import { REPO } from '../helpers/cli.js'
import { load, tempRepo } from './helpers.js'

const RB = '.github/policygate.yml'

/** Runs the CLI in this process, capturing what it prints. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    return { code: await main(args), stdout, stderr }
  } finally {
    vi.restoreAllMocks()
  }
}

afterEach(() => vi.restoreAllMocks())

const ADMIN = `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

describe('policygate scan --rulebook', () => {
  it('a malformed rulebook exits 2 with file:line:column and scans nothing', async () => {
    const repo = tempRepo({ [RB]: 'rules:\n  iam/full-admn: off\n', 'main.tf': ADMIN })
    try {
      const result = await run(['scan', repo.dir, '--root', repo.dir, '--format', 'json'])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(`${RB}:2:3: rules: no rule 'iam/full-admn'; did you mean 'iam/full-admin'?`)
      const broken = await run(['scan', repo.dir, '--root', repo.dir, '--rulebook', join(repo.dir, 'missing.yml')])
      expect(broken.code).toBe(2)
      expect(broken.stderr).toContain('missing.yml:1:1: rulebook file missing.yml does not exist')
    } finally {
      repo.cleanup()
    }
  })

  it('the repository rulebook (or --rulebook) decides what is reported', async () => {
    const repo = tempRepo({ [RB]: 'rules:\n  iam/full-admin: off\n', 'strict.yml': 'extends: policygate:strict\nrules:\n  iam/full-admin: low\n', 'main.tf': ADMIN })
    try {
      const own = JSON.parse((await run(['scan', repo.dir, '--root', repo.dir, '--format', 'json', '--fail-on', 'none'])).stdout)
      expect(JSON.stringify(own)).not.toContain('iam/full-admin')
      const other = await run(['scan', repo.dir, '--root', repo.dir, '--format', 'json', '--fail-on', 'low', '--rulebook', join(repo.dir, 'strict.yml')])
      expect(other.code).toBe(1)
      expect(other.stdout).toContain('"ruleId": "iam/full-admin"')
    } finally {
      repo.cleanup()
    }
  })
})

describe('policygate rulebook show / test, policygate init', () => {
  it('show prints the merged rulebook', async () => {
    const repo = tempRepo({ [RB]: 'extends: policygate:cis-aws\nrules:\n  iam/full-admin: medium\n' })
    try {
      const { code, stdout } = await run(['rulebook', 'show', '--root', repo.dir])
      expect(code).toBe(0)
      expect(stdout).toContain(`merged from policygate:cis-aws → ${RB}`)
      expect(stdout).toMatch(/ {2}iam\/full-admin:\n {4}enabled: true\n {4}severity: medium\n {4}controls:\n {6}- CIS AWS 3\.0\.0 1\.16/)
      expect(stdout).toMatch(/ {2}apigw\/method-no-auth:\n {4}enabled: false/)
    } finally {
      repo.cleanup()
    }
  })

  it('test runs the custom rules\' examples and fails on a wrong one', async () => {
    const repo = tempRepo({ [RB]: readFileSync(join(REPO, 'policies/example-organization.yml'), 'utf8') })
    try {
      const good = await run(['rulebook', 'test', '--root', repo.dir])
      expect(good.stdout).toContain('✓ acme/prod-role-without-boundary terraform bad #1 (reported at line 1)')
      expect(good.stdout).toContain('4 passed, 0 failed')
      expect(good.code).toBe(0)
    } finally {
      repo.cleanup()
    }
    const wrong = tempRepo({
      [RB]: `custom_rules:
  - id: acme/x
    title: t
    severity: low
    message: m
    match: cloudtrail.trail
    where: { field: isMultiRegion, equals: false }
    examples:
      terraform:
        bad:
          - code: "resource \\"aws_cloudtrail\\" \\"t\\" {\\n  name = \\"t\\"\\n  s3_bucket_name = \\"b\\"\\n  is_multi_region_trail = false\\n}\\n"
            lines: [2]
`,
    })
    try {
      const failed = await run(['rulebook', 'test', '--root', wrong.dir])
      expect(failed.code).toBe(1)
      expect(failed.stdout).toContain('✗ acme/x: needs at least one bad and one good example')
      expect(failed.stdout).toContain('✗ acme/x terraform bad #1: reported at line 4, expected line 2')
    } finally {
      wrong.cleanup()
    }
  })

  it('init writes a starter rulebook with the $schema modeline that loads cleanly, and never overwrites silently', async () => {
    const repo = tempRepo({})
    try {
      const first = await run(['init', '--root', repo.dir, '--preset', 'strict'])
      expect(first.code).toBe(0)
      const text = readFileSync(join(repo.dir, RB), 'utf8')
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://raw.githubusercontent.com/policygate/policygate/main/policies/rulebook.schema.json')
      expect((await load({ [RB]: text })).effective.sources).toEqual(['policygate:strict', RB])
      const again = await run(['init', '--root', repo.dir])
      expect(again.code).toBe(2)
      expect(again.stderr).toContain('exists; use --force')
      expect(existsSync(join(repo.dir, RB))).toBe(true)
    } finally {
      repo.cleanup()
    }
  })
})

describe('shipped files', () => {
  it('policies/rulebook.schema.json is generated from the rules (node scripts/run-ts.mjs scripts/gen-rulebook-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(join(REPO, 'policies/rulebook.schema.json'), 'utf8'))
    expect(committed).toEqual(rulebookSchema([...builtinRules, ...governanceRules]))
  })

  it('the example organization rulebook is valid', async () => {
    const rulebook = await load({ [RB]: readFileSync(join(REPO, 'policies/example-organization.yml'), 'utf8') })
    expect(rulebook.effective.waivers).toHaveLength(2)
    expect(rulebook.effective.rules.filter((r) => r.declaredIn).map((r) => r.rule.id)).toEqual(['acme/prod-role-without-boundary', 'acme/secrets-read-outside-org'])
  })

  it('recommended is the rules\' own defaults, written down', async () => {
    const recommended = await load({}, 'policygate:recommended')
    for (const rule of builtinRules) expect([rule.id, recommended.effective.rules.find((r) => r.rule === rule)!.enabled]).toEqual([rule.id, rule.enabledByDefault !== false])
  })

  it('strict turns everything on; cis-aws maps every rule it runs to a control', async () => {
    const strict = await load({}, 'policygate:strict')
    expect(strict.effective.rules.filter((r) => !r.enabled)).toEqual([])
    const cis = await load({}, 'policygate:cis-aws')
    const running = cis.effective.rules.filter((r) => r.enabled && !r.rule.id.startsWith('rulebook/'))
    expect(running.length).toBeGreaterThan(10)
    for (const r of running) expect(r.controls?.[0], r.rule.id).toMatch(/^CIS AWS 3\.0\.0 \d/)
  })
})
