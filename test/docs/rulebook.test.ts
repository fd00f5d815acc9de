import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load as loadYaml } from 'js-yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPIRY_WARNING_DAYS, loadRulebook, formatRulebookError, type LoadedRulebook, type RemoteRef } from '../../src/rulebook/index.js'
import { KINDS } from '../../src/rulebook/custom/kinds.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { REPO } from '../helpers/cli.js'
import { bundleCli, tempTree } from './cli-bundle.js'
import { codeBlocks, readDoc, type CodeBlock } from './markdown.js'

/*
 * docs/rulebook.md: every YAML block shown as a rulebook loads with the real loader; a block tagged
 * `invalid` is rejected with exactly the output the doc prints after it; a block tagged `fragment`
 * is a piece of a file (the schema line, an inline suppression) and is checked in its file.
 */

const DOC = 'docs/rulebook.md'
const RULEBOOK_PATH = '.github/policygate.yml'
const doc = readDoc(DOC)
const blocks = codeBlocks(doc)
const rulebookBlocks = blocks.filter((b) => b.language === 'yaml' && b.tags.length === 0)

/** Loads `text` as the repository's rulebook; any other file it names reads as an empty rulebook, and is recorded. */
async function loadDocRulebook(text: string) {
  const localReads: string[] = []
  const remoteReads: RemoteRef[] = []
  const result = await loadRulebook({
    readFile: async (path) => {
      if (path === RULEBOOK_PATH) return text
      localReads.push(path)
      return 'rules: {}\n'
    },
    fetchRemote: async (ref) => {
      remoteReads.push(ref)
      return 'rules: {}\n'
    },
  })
  return { result, localReads, remoteReads }
}

async function loaded(block: CodeBlock): Promise<LoadedRulebook> {
  const { result } = await loadDocRulebook(block.body)
  if (!result.ok) throw new Error(`${DOC}:${block.line}: ${result.errors.map(formatRulebookError).join('; ')}`)
  return result.rulebook
}

function blockHolding(text: string): CodeBlock {
  const found = rulebookBlocks.filter((b) => b.body.includes(text))
  expect(found, `one rulebook block of ${DOC} holds '${text}'`).toHaveLength(1)
  return found[0]!
}

const ruleOf = (rulebook: LoadedRulebook, id: string) => rulebook.effective.rules.find((r) => r.rule.id === id)!
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 36 * 3600_000)
const lateOn = (date: string) => new Date(`${date}T23:00:00Z`)

async function scanTree(files: Record<string, string>, now: Date, rulebook?: LoadedRulebook): Promise<Finding[]> {
  const repo = tempTree(files)
  try {
    return (await scan({ root: repo.dir, rulebook, now, parseWorkers: 0 })).findings
  } finally {
    repo.cleanup()
  }
}

describe(`${DOC}: the rulebooks it shows`, () => {
  it('every YAML block is a rulebook, or tagged as a fragment or as invalid', () => {
    expect(rulebookBlocks.length).toBeGreaterThanOrEqual(4)
    for (const block of blocks.filter((b) => b.language === 'yaml')) expect(block.tags.filter((t) => t !== 'fragment' && t !== 'invalid'), `${DOC}:${block.line}`).toEqual([])
  })

  for (const block of rulebookBlocks) {
    it(`the rulebook at line ${block.line} loads`, async () => {
      const { result } = await loadDocRulebook(block.body)
      expect(result.ok ? [] : result.errors.map(formatRulebookError)).toEqual([])
    })
  }

  it('extends: a preset, a pinned central rulebook and a file beside this one, read in order and this file last', async () => {
    const { result, localReads, remoteReads } = await loadDocRulebook(blockHolding('extends:').body)
    expect(result.ok).toBe(true)
    expect(remoteReads).toMatchObject([{ owner: 'acme', repo: 'security-policies', path: 'policygate/org.yml', ref: 'v3' }])
    expect(localReads).toEqual(['.github/team.yml'])
    if (result.ok) expect(result.rulebook.effective.sources).toEqual(['policygate:recommended', 'acme/security-policies/policygate/org.yml@v3', '.github/team.yml', RULEBOOK_PATH])
  })

  it('selecting and tuning: shared params, an area off, a severity that turns a rule on, the full form', async () => {
    const rulebook = await loaded(blockHolding('waf/*: off'))
    const waf = rulebook.effective.rules.filter((r) => r.rule.id.startsWith('waf/'))
    expect(waf.length).toBeGreaterThan(0)
    expect(waf.every((r) => !r.enabled)).toBe(true)
    expect(ruleOf(rulebook, 'iam/not-resource-allow')).toMatchObject({ enabled: true, severity: 'high' })
    expect(ruleOf(rulebook, 'trail/no-data-events').enabled).toBe(true)
    expect(ruleOf(rulebook, 'iam/trust-untrusted-account').params.trusted_accounts).toEqual(['111122223333'])
    expect(ruleOf(rulebook, 'iam/critical-action-granted')).toMatchObject({
      enabled: true,
      severity: 'critical',
      params: { critical_actions: ['iam:CreateUser', 'organizations:LeaveOrganization'] },
      include: ['infra/**'],
      exclude: ['infra/sandbox/**'],
    })
  })

  it('waivers: a waived finding stays in the report, marked, through its expiry day; after it the finding is back with rulebook/waiver-expired', async () => {
    const rulebook = await loaded(blockHolding('waivers:'))
    const [waiver] = rulebook.effective.waivers
    expect(waiver).toMatchObject({ rule: 'iam/full-admin', resource: 'aws_iam_role.break_glass' })
    const files = {
      'main.tf': `resource "aws_iam_role" "break_glass" {
  name               = "break-glass"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }] })
  inline_policy {
    name   = "admin"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}
`,
    }
    const onTheDay = (await scanTree(files, lateOn(waiver!.expires!), rulebook)).filter((f) => f.ruleId === 'iam/full-admin')
    expect(onTheDay.map((f) => f.suppressed)).toEqual([{ kind: 'waiver', reason: waiver!.reason, owner: waiver!.owner, until: waiver!.expires }])
    const after = await scanTree(files, dayAfter(waiver!.expires!), rulebook)
    expect(after.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(after.map((f) => f.ruleId)).toContain('rulebook/waiver-expired')
  })

  it(`the expiry warning window is the ${EXPIRY_WARNING_DAYS} days it states`, () => {
    expect(doc).toContain(`within ${EXPIRY_WARNING_DAYS} days are listed in the summary`)
  })
})

describe(`${DOC}: what the command line prints and runs`, () => {
  let cli: ReturnType<typeof bundleCli>
  beforeAll(() => {
    cli = bundleCli()
  })
  afterAll(() => cli.cleanup())

  const invalid = blocks.flatMap((block, i) => (block.tags.includes('invalid') ? [{ block, output: blocks[i + 1]! }] : []))

  it('shows at least one invalid rulebook, each followed by what policygate prints', () => {
    expect(invalid.length).toBeGreaterThan(0)
    for (const { output } of invalid) expect(output.language).toBe('text')
  })

  for (const { block, output } of invalid) {
    it(`the invalid rulebook at line ${block.line}: exit 2 and exactly the errors shown`, () => {
      const repo = tempTree({ [RULEBOOK_PATH]: block.body })
      try {
        const result = cli.run(['scan', '.'], repo.dir)
        expect(result.code).toBe(2)
        expect(result.stdout).toBe('')
        expect(result.stderr).toBe(output.body)
      } finally {
        repo.cleanup()
      }
    })
  }

  it("the custom rule's examples pass `policygate rulebook test`", () => {
    const repo = tempTree({ [RULEBOOK_PATH]: blockHolding('custom_rules:').body })
    try {
      const result = cli.run(['rulebook', 'test'], repo.dir)
      expect(result.stdout).toContain('2 passed, 0 failed')
      expect(result.code).toBe(0)
    } finally {
      repo.cleanup()
    }
  })
})

describe(`${DOC}: fragments`, () => {
  const fragments = blocks.filter((b) => b.tags.includes('fragment'))
  const schemaLine = `# yaml-language-server: $schema=${(JSON.parse(readFileSync(join(REPO, 'policies/rulebook.schema.json'), 'utf8')) as { $id: string }).$id}\n`

  it('are each one of the kinds checked below', () => {
    for (const block of fragments) {
      const kind = block.body === schemaLine ? 'schema' : block.language === 'hcl' ? 'terraform' : /^(\s+# [^\n]*\n)?\s+\w+:\n\s+Type: AWS::/.test(block.body) ? 'cloudformation' : undefined
      expect(kind, `${DOC}:${block.line}`).toBeDefined()
    }
  })

  it('the schema line is the first line of the example organization rulebook, and points at the published schema', () => {
    expect(fragments.filter((b) => b.body === schemaLine)).toHaveLength(1)
    expect(readFileSync(join(REPO, 'policies/example-organization.yml'), 'utf8').startsWith(schemaLine)).toBe(true)
  })

  /** The suppression hides iam/full-admin through its `until` day, and lapses into rulebook/waiver-expired after it. */
  async function expectSuppression(files: Record<string, string>, reason: string, until: string) {
    const onTheDay = (await scanTree(files, lateOn(until))).filter((f) => f.ruleId === 'iam/full-admin')
    expect(onTheDay.map((f) => f.suppressed)).toEqual([{ kind: 'inline', reason, until }])
    const after = await scanTree(files, dayAfter(until))
    expect(after.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(after.map((f) => f.ruleId)).toContain('rulebook/waiver-expired')
  }

  it('the Terraform `# policygate:ignore` comment is read: rule, reason and date', async () => {
    const [hcl] = fragments.filter((b) => b.language === 'hcl')
    const comment = /^# policygate:ignore (\S+) (.+) until (\d{4}-\d{2}-\d{2})$/m.exec(hcl!.body)
    expect(comment?.[1]).toBe('iam/full-admin')
    const code = `${hcl!.body}  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`
    await expectSuppression({ 'main.tf': code }, comment![2]!, comment![3]!)
  })

  it('the CloudFormation YAML `# policygate:ignore` comment is read: rule, reason and date', async () => {
    const [cfn] = fragments.filter((b) => /Type: AWS::/.test(b.body) && !b.body.includes('Metadata:'))
    const comment = /^\s+# policygate:ignore (\S+) (.+) until (\d{4}-\d{2}-\d{2})$/m.exec(cfn!.body)
    expect(comment?.[1]).toBe('iam/full-admin')
    const template = `Resources:\n${cfn!.body}    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n`
    await expectSuppression({ 'template.yaml': template }, comment![2]!, comment![3]!)
  })

  it('the CloudFormation Metadata suppression is read: rule, reason and date', async () => {
    const [cfn] = fragments.filter((b) => /Type: AWS::/.test(b.body) && b.body.includes('Metadata:'))
    const resource = loadYaml(cfn!.body) as Record<string, { Metadata: { policygate: { ignore: { rule: string; reason: string; until: string }[] } } }>
    const [entry] = Object.values(resource)[0]!.Metadata.policygate.ignore
    expect(entry!.rule).toBe('iam/full-admin')
    const template = `Resources:\n${cfn!.body}    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n`
    await expectSuppression({ 'template.yaml': template }, entry!.reason, entry!.until)
  })
})

describe(`${DOC}: lists that must match the code`, () => {
  const schema = JSON.parse(readFileSync(join(REPO, 'policies/rulebook.schema.json'), 'utf8')) as {
    definitions: { fieldCondition: { properties: Record<string, unknown> }; predicate: { properties: Record<string, { enum?: string[] }> } }
  }
  const paragraph = (start: string) => {
    const at = doc.indexOf(start)
    expect(at, `${DOC} has a paragraph starting '${start}'`).toBeGreaterThanOrEqual(0)
    return doc.slice(at, doc.indexOf('\n\n', at))
  }
  const quoted = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

  it('the kinds a custom rule can match', () => {
    // The list ends where the field names begin; parentheses describe a kind, they do not name one.
    const list = paragraph('**Kinds**:').split('. Field names')[0]!.replace(/\([^)]*\)/g, '')
    expect(quoted(list).sort()).toEqual(Object.keys(KINDS).sort())
  })

  it('the field paths it names walk into linked objects and lists; every name is checked at load', async () => {
    const rulebook = (match: string, field: string, value: string) =>
      `custom_rules:\n  - id: acme/x\n    title: t\n    severity: low\n    message: m\n    match: ${match}\n    where: { field: ${field}, equals: ${value} }\n`
    const code = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Condition = { StringEquals = { "sts:ExternalId" = "x" } } }] })
}
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}
`
    const now = new Date('2026-01-01T00:00:00Z')
    for (const [match, field, value, address] of [
      ['iam.role', 'trust.statements.principals.type', 'AWS', 'aws_iam_role.r'],
      ['apigateway.method', 'api.endpointType', 'EDGE', 'aws_api_gateway_method.get'],
    ]) {
      const custom = await loaded({ language: 'yaml', tags: [], body: rulebook(match!, field!, value!), line: 0 })
      const findings = (await scanTree({ 'main.tf': code }, now, custom)).filter((f) => f.ruleId === 'acme/x')
      expect(findings.map((f) => f.resource?.address), `${match} ${field}`).toEqual([address])
    }
    const typoFirst = await loadDocRulebook(rulebook('iam.role', 'trst.statements', 'x'))
    expect(typoFirst.result.ok ? [] : typoFirst.result.errors.map((e) => e.message)).toEqual([expect.stringContaining("did you mean 'trust'?")])
    const typoLater = await loadDocRulebook(rulebook('iam.role', 'trust.statment', 'x'))
    expect(typoLater.result.ok ? [] : typoLater.result.errors.map((e) => e.message)).toEqual([expect.stringContaining("PolicyDocument has no field 'statment'; did you mean 'statements'?")])
  })

  it('the condition operators, IAM predicates and principal classes', () => {
    const conditions = paragraph('**Conditions**:')
    const operators = quoted(conditions.slice(conditions.indexOf('a field with one of'), conditions.indexOf('**IAM predicates**')))
    expect(operators.sort()).toEqual(Object.keys(schema.definitions.fieldCondition.properties).filter((k) => k !== 'field').sort())
    const predicates = quoted(conditions.slice(conditions.indexOf('**IAM predicates**'))).filter((q) => q.includes(': ')).map((q) => q.split(':')[0]!)
    // The predicate schema also admits the condition keywords (as `true`) so that its error messages can name them.
    const schemaPredicates = Object.entries(schema.definitions.predicate.properties).filter(([, definition]) => typeof definition === 'object').map(([name]) => name)
    expect(predicates.sort()).toEqual(schemaPredicates.sort())
    const principals = /`principal: ([^`]+)`/.exec(conditions)![1]!.split(/\s*\|\s*/)
    expect(principals.sort()).toEqual([...schema.definitions.predicate.properties.principal!.enum!].sort())
  })

  it('the kinds the IAM predicates apply to', () => {
    const named: Record<string, string> = {
      statements: 'policy.statement', documents: 'policy.document', roles: 'iam.role', users: 'iam.user', groups: 'iam.group', 'permission sets': 'iam.permission_set', policies: 'iam.policy',
      SCPs: 'organizations.scp', 'resource policies': 'resource_policy', 'VPC endpoints': 'ec2.vpc_endpoint', 'REST APIs': 'apigateway.rest_api', 'Lambda permissions': 'lambda.permission',
    }
    const list = /\*\*IAM predicates\*\* \(([^)]+)\)/.exec(doc.replace(/\n/g, ' '))![1]!.split(/,\s*/)
    expect(list.map((name) => named[name] ?? name).sort()).toEqual(Object.entries(KINDS).filter(([, kind]) => kind.iam).map(([name]) => name).sort())
  })

  it('the governance rules table', () => {
    const rows = [...doc.matchAll(/^\| \[(rulebook\/[a-z-]+)\]\(rules\/\1\.md\) \| (\w+) \|/gm)].map((m) => [m[1], m[2]])
    expect(rows.sort()).toEqual(governanceRules.map((r) => [r.id, r.severity]).sort())
  })

  it('the presets table: what recommended leaves off', async () => {
    const row = /^\| `policygate:recommended` \|(.+)\|$/m.exec(doc)![1]!
    const { result } = await loadDocRulebook('extends: policygate:recommended\n')
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.rulebook.effective.rules.filter((r) => !r.enabled).map((r) => r.rule.id).sort()).toEqual(quoted(row).sort())
  })

  it('the example organization rulebook holds what the doc says it does', async () => {
    const text = readFileSync(join(REPO, 'policies/example-organization.yml'), 'utf8')
    const file = loadYaml(text) as { extends: string[]; params: object; rules: Record<string, unknown>; custom_rules: unknown[]; waivers: { resource?: string; path?: string }[] }
    expect(file.extends[0]).toMatch(/^policygate:/)
    expect(Object.keys(file.params).length).toBeGreaterThan(0)
    const settings = Object.entries(file.rules)
    expect(settings.some(([id, s]) => id.endsWith('/*') && s === 'off'), 'an area turned off').toBe(true)
    expect(settings.some(([, s]) => s === 'high' || s === 'info'), 'a severity alone').toBe(true)
    expect(settings.some(([, s]) => typeof s === 'object' && s !== null && 'params' in s && 'paths' in s), 'the full form').toBe(true)
    expect(file.custom_rules.length).toBeGreaterThan(0)
    expect(file.waivers.some((w) => w.resource) && file.waivers.some((w) => w.path), 'waivers by resource and by path').toBe(true)
    const { result } = await loadDocRulebook(text)
    expect(result.ok ? [] : result.errors.map(formatRulebookError)).toEqual([])
  })
})
