import { describe, expect, it } from 'vitest'
import { builtinRules } from '../../src/rules/index.js'
import { formatRulebookError } from '../../src/rulebook/index.js'
import { load, loadErrors, ruleOf } from './helpers.js'

const RB = '.github/policygate.yml'

describe('where the rulebook comes from', () => {
  it('reads .github/policygate.yml by default and falls back to policygate:recommended only when there is none', async () => {
    const none = await load({})
    expect(none.source).toBe('policygate:recommended')
    expect(ruleOf(none, 'trail/no-data-events').enabled).toBe(false)
    const own = await load({ [RB]: 'rules:\n  iam/full-admin: off\n' })
    expect(own.source).toBe(RB)
    expect(ruleOf(own, 'iam/full-admin').enabled).toBe(false)
    expect(own.rules.some((r) => r.rule.id === 'iam/full-admin')).toBe(false)
  })

  it('an explicit rulebook that does not exist is an error, not the defaults', async () => {
    const errors = await loadErrors({}, 'ci/policy.yml')
    expect(errors.map(formatRulebookError)).toEqual(['ci/policy.yml:1:1: rulebook file ci/policy.yml does not exist'])
  })

  it('extends presets, relative files and central rulebooks, later entries overriding earlier ones', async () => {
    const rulebook = await load(
      {
        [RB]: `extends:
  - policygate:strict
  - acme/security/policygate/org.yml@v3
  - ./team.yml
rules:
  apigw/stage-no-tracing: info
`,
        '.github/team.yml': 'rules:\n  iam/not-resource-allow: low\n  apigw/stage-no-tracing: high\n',
      },
      undefined,
      {
        'acme/security/policygate/org.yml@v3': 'extends: base.yml\nrules:\n  iam/not-resource-allow: critical\n  trail/no-data-events: off\n',
        'acme/security/base.yml@v3': 'params:\n  trusted_accounts: ["111122223333"]\n',
      },
    )
    expect(rulebook.effective.sources).toEqual(['policygate:strict', 'acme/security/base.yml@v3', 'acme/security/policygate/org.yml@v3', '.github/team.yml', RB])
    expect(ruleOf(rulebook, 'iam/not-resource-allow').severity).toBe('low')
    expect(ruleOf(rulebook, 'apigw/stage-no-tracing').severity).toBe('info')
    expect(ruleOf(rulebook, 'trail/no-data-events').enabled).toBe(false)
    expect(ruleOf(rulebook, 'monitoring/api-alarms-missing').enabled).toBe(true)
    expect(ruleOf(rulebook, 'iam/trust-untrusted-account').params).toEqual({ trusted_accounts: ['111122223333'] })
    expect(rulebook.repositoryFiles).toEqual(['.github/policygate.yml', '.github/team.yml'])
  })

  it('the command line has no fetcher: a central rulebook is a clear error', async () => {
    const { loadRulebook } = await import('../../src/rulebook/index.js')
    const result = await loadRulebook({ readFile: async (p) => (p === RB ? 'extends: acme/security/org.yml@main\n' : undefined) })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(formatRulebookError(result.errors[0]!)).toMatch(/^\.github\/policygate\.yml:1:10: central rulebooks \(acme\/security\/org\.yml@main\) are read by the GitHub Action/)
  })

  it('a cycle of extends is an error at the entry that closes it', async () => {
    const errors = await loadErrors({ [RB]: 'extends: ./a.yml\n', '.github/a.yml': 'extends: ./policygate.yml\n' })
    expect(errors.map(formatRulebookError)).toEqual(["/.github/a.yml:1:10: '.github/policygate.yml' extends itself through .github/policygate.yml → .github/a.yml → .github/policygate.yml".slice(1)])
  })

  it('paths cannot leave the repository', async () => {
    const errors = await loadErrors({ [RB]: 'extends: ../../etc/policy.yml\n' })
    expect(errors[0]!.message).toContain('points outside the repository')
  })
})

describe('schema validation with positions', () => {
  it('a malformed YAML file is an error at its line and column', async () => {
    const errors = await loadErrors({ [RB]: 'rules:\n  iam/full-admin: [off\n' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: RB, line: 3 })
    expect(errors[0]!.message).toMatch(/^invalid YAML/)
  })

  it('names the bad key and suggests the nearest rule ID for a typo', async () => {
    const errors = await loadErrors({ [RB]: 'rules:\n  iam/full-admn: off\n  apigw/method-no-auth: hgh\n' })
    expect(errors.map(formatRulebookError)).toEqual([
      `${RB}:3:25: rules.apigw/method-no-auth: 'hgh' is not valid: must be on, off, true, false, a severity (critical, high, medium, low, info) or a mapping of enabled, severity, params, paths; did you mean 'high'?`,
    ])
    const unknown = await loadErrors({ [RB]: 'rules:\n  iam/full-admn: off\n' })
    expect(unknown.map(formatRulebookError)).toEqual([`${RB}:2:3: rules: no rule 'iam/full-admn'; did you mean 'iam/full-admin'?`])
  })

  it('an unknown top-level key and an unknown area are errors with suggestions', async () => {
    const errors = await loadErrors({ [RB]: 'rule:\n  iam/full-admin: off\n' })
    expect(errors.map(formatRulebookError)).toEqual([`${RB}:1:1: unknown key 'rule'; did you mean 'rules'?`])
    const area = await loadErrors({ [RB]: 'rules:\n  apigateway/*: off\n' })
    expect(area[0]!.message).toBe("rules: no rule 'apigateway/*'")
  })

  it("validates every rule's params with the rule's own schema", async () => {
    const errors = await loadErrors({
      [RB]: `rules:
  iam/trust-untrusted-account:
    params:
      trusted_accounts: [123456789012, "12345"]
  iam/critical-action-granted:
    params:
      critical_action: []
`,
    })
    expect(errors.map(formatRulebookError)).toEqual([
      `${RB}:4:26: rules.iam/trust-untrusted-account.params.trusted_accounts.0: must be a string (quote it: YAML reads 123456789012 as a number)`,
      `${RB}:4:40: rules.iam/trust-untrusted-account.params.trusted_accounts.1: must match pattern "^\\d{12}$"`,
      `${RB}:7:7: rules.iam/critical-action-granted.params: unknown key 'critical_action'; did you mean 'critical_actions'?`,
    ])
  })

  it('a rule without params rejects them', async () => {
    const errors = await loadErrors({ [RB]: 'rules:\n  iam/full-admin:\n    params: { x: 1 }\n' })
    expect(errors[0]!.message).toBe('rules.iam/full-admin.params: this rule takes no params')
  })

  it('every error is reported, not only the first', async () => {
    const errors = await loadErrors({ [RB]: 'rules:\n  iam/full-admin: loud\nwaivers:\n  - rule: iam/full-admin\n    resource: x\n' })
    expect(errors.map((e) => e.line)).toEqual([2, 4])
    expect(errors[1]!.message).toBe("waivers.0: missing key 'reason'")
  })

  it('the shipped presets are valid and cover every rule they name', async () => {
    for (const preset of ['recommended', 'strict', 'cis-aws']) {
      const rulebook = await load({}, `policygate:${preset}`)
      expect(rulebook.effective.rules.length).toBeGreaterThanOrEqual(builtinRules.length)
    }
  })
})
