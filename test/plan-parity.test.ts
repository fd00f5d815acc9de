import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AwsModel } from '../src/model/aws.js'
import { parseJsonValue } from '../src/parse/json.js'
import { path, type MapValue, type Value } from '../src/parse/value.js'
import { builtinRules } from '../src/rules/index.js'
import type { AnyRule, Example, Finding } from '../src/rules/types.js'
import { scan } from '../src/scan.js'
import { REPO } from './helpers/cli.js'
import { scanExample } from './helpers/examples.js'
import { argumentSchema, planFromHcl, planText, type PlanOptions } from './helpers/plan-from-hcl.js'

type Kind = 'bad' | 'good'

/*
 * Every rule works on `terraform show -json` as on HCL: each Terraform example of each rule is scanned
 * as written and as the plan Terraform prints for it, and both must give the same verdict, the plan's
 * findings on lines of plan.json that hold the offending value (or the resource, when something is missing).
 */

/** Rules a plan cannot feed by nature, by ID prefix: they judge what only the source files hold. */
const RULES_NOT_FROM_A_PLAN: Record<string, string> = {
  'rulebook/': 'inline `# policygate:ignore` suppressions and rulebook changes live in source files; a plan carries no comments',
}

/**
 * Examples a plan cannot judge as the HCL does, by the nature of a plan: the offending value is only known
 * after apply, so Terraform plans it as unknown (`jsonencode` of anything unknown is wholly unknown). For
 * these the test asserts exactly that, and that the rule stays silent rather than guess. Each is found by
 * its rule and a text only it contains, so reordering a rule's examples does not move the exception.
 * Terraform variables are not an exception: they reach a plan as the configuration's `variables`, with the
 * values the plan was made with (VARIABLE_VALUES gives them where an example leaves them open).
 */
/** Values a plan is made with for examples whose root variables have no default (Terraform plans only with a value for each). */
const VARIABLE_VALUES: { contains: string; variables: Record<string, string> }[] = [{ contains: '${var.account_id}', variables: { account_id: '111122223333' } }]

const NOT_FROM_A_PLAN: { rule: string; kind: Kind; contains: string; reason: string; unknown: string }[] = [
  {
    rule: 'iam/oidc-github-unrestricted',
    kind: 'bad',
    contains: 'Federated = aws_iam_openid_connect_provider.github.arn',
    reason: 'the trust policy names aws_iam_openid_connect_provider.github.arn, known only after apply',
    unknown: 'aws_iam_role.deploy.assume_role_policy',
  },
  {
    rule: 'resource-policy/not-principal-allow',
    kind: 'bad',
    contains: 'Resource     = aws_sqs_queue.jobs.arn',
    reason: 'the queue policy names aws_sqs_queue.jobs.arn, known only after apply',
    unknown: 'aws_sqs_queue_policy.jobs.policy',
  },
]


async function scanPlan(rule: AnyRule, text: string, params: object | undefined, base?: AwsModel): Promise<{ findings: Finding[]; model: AwsModel }> {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-plan-parity-'))
  try {
    writeFileSync(join(dir, 'plan.json'), text)
    const rulebook = {
      source: 'plan-parity',
      rules: [{ rule, params: { ...(rule.params?.defaults ?? {}), ...(params ?? {}) }, severity: rule.severity }],
      apply: (findings: Finding[]) => findings,
    }
    const result = await scan({ root: dir, rulebook, base })
    return { findings: result.findings, model: result.model }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The example as a plan (its base too), scanned with only `rule`. */
async function scanAsPlan(rule: AnyRule, example: Example<object>, caseOptions: PlanOptions) {
  const options = { ...caseOptions, variables: VARIABLE_VALUES.find((given) => example.code.includes(given.contains))?.variables }
  const base = example.base === undefined ? undefined : (await scanPlan(rule, planText(await planFromHcl(example.base, options)), example.params)).model
  const text = planText(await planFromHcl(example.code, options))
  return { text, findings: (await scanPlan(rule, text, example.params, base)).findings }
}

/** Lines of plan.json: each planned resource's object, and the range of each of its values. */
function planLayout(text: string) {
  const plan = parseJsonValue(text, { file: 'plan.json', line: 1, column: 1 }).value as MapValue
  const resources = new Map<string, { loc: Value['loc']; values: Map<string, Value['loc']> }>()
  const walk = (module: Value | undefined) => {
    const list = path(module, 'resources')
    for (const resource of list?.kind === 'list' ? list.items : []) {
      const address = path(resource, 'address')
      const values = path(resource, 'values')
      if (address?.kind !== 'string' || values?.kind !== 'map') continue
      resources.set(address.value, { loc: resource.loc, values: new Map(values.entries.map((e) => [e.key, { ...e.value.loc, startLine: e.keyLoc.startLine }])) })
    }
    const children = path(module, 'child_modules')
    if (children?.kind === 'list') children.items.forEach(walk)
  }
  walk(path(plan, 'planned_values.root_module'))
  return { resources, lines: text.split('\n') }
}

/** HCL policy-document data source names for what the plan holds as policy JSON keys. */
const POLICY_KEYS: Record<string, string> = {
  actions: 'Action', not_actions: 'NotAction', resources: 'Resource', not_resources: 'NotResource', principals: 'Principal', not_principals: 'NotPrincipal',
  identifiers: 'Principal', type: 'Principal', condition: 'Condition', test: 'Condition', variable: 'Condition', values: 'Condition', effect: 'Effect', sid: 'Sid', statement: 'Statement',
}

/** The attribute or key an HCL line writes (`  Action = "*"` → Action), if it writes one. */
function keyOfLine(line: string): string | undefined {
  return /^\s*"?([A-Za-z_][\w-]*)"?\s*=/.exec(line)?.[1] ?? /^\s*([A-Za-z_][\w-]*)\s*\{/.exec(line)?.[1]
}

/** Why a plan finding's line does not hold what the HCL finding points at, or undefined when it does. */
function misplaced(finding: Finding, hclCode: string, hclLines: number[], layout: ReturnType<typeof planLayout>): string | undefined {
  const line = finding.loc.startLine
  const lineText = layout.lines[line - 1] ?? ''
  if (finding.loc.file !== 'plan.json') return `points into ${finding.loc.file}`
  const resource = [...layout.resources.values()].find((r) => r.loc.startLine <= line && line <= r.loc.endLine)
  if (finding.resource && layout.resources.has(finding.resource.address) && !resource) return `line ${line} is outside every planned resource`
  const hclTexts = hclLines.map((n) => hclCode.split('\n')[n - 1] ?? '')
  const keys = hclTexts.map(keyOfLine).filter((k): k is string => k !== undefined)
  const holdsKey = keys.some((key) => new RegExp(`\\\\?"(?:${key}|${POLICY_KEYS[key] ?? key})\\\\?"\\s*:`).test(lineText))
  const holdsValue = hclTexts.some((text) => {
    const written = [...text.matchAll(/"((?:[^"\\]|\\.)+)"/g)].map((m) => m[1]!)
    const bare = text.trim()
    return written.some((value) => lineText.includes(value)) || (bare !== '' && lineText.includes(JSON.stringify(bare).slice(1, -1)))
  })
  if (holdsKey || holdsValue) return undefined
  if (resource && line === resource.loc.startLine) {
    const hclAtHead = hclTexts.some((text) => /^\s*(resource|data|provider|variable)\s/.test(text))
    const keyUnknown = keys.some((key) => !resource.values.has(key))
    return hclAtHead || keyUnknown ? undefined : `line ${line} is the resource, the HCL points at ${keys.join(', ')}`
  }
  return `line ${line} (${lineText.trim()}) holds neither ${keys.join(', ') || 'the key'} nor the value of ${hclTexts.map((t) => t.trim()).join(' | ')}`
}

/** A finding's identity across the two renditions: positions named in messages and module prefixes left out. */
function identity(finding: Finding, modulePrefix: string): string {
  const address = (finding.resource?.address ?? '').replace(modulePrefix, '').replace(/^(?:main\.tf|plan\.json)#/, '<file>#')
  const message = finding.message.replaceAll(modulePrefix, '').replace(/(?:main\.tf|plan\.json):\d+(?::\d+)?/g, '<here>')
  return `${address}: ${message}`
}

/** What every example writes, per resource type: real plans print each unset argument of the schema as null or []. */
const schema = argumentSchema(
  await Promise.all(builtinRules.flatMap((rule) => [...(rule.examples.terraform?.bad ?? []), ...(rule.examples.terraform?.good ?? [])].filter((example) => !example.files).map((example) => planFromHcl(example.code)))),
)

const CASES: { name: string; options: PlanOptions }[] = [
  { name: 'root module', options: {} },
  { name: 'child module', options: { module: 'app' } },
  { name: 'unset arguments as null', options: { schema } },
]

it('every exception names an example that exists', () => {
  const missing = NOT_FROM_A_PLAN.filter((exception) => {
    const rule = builtinRules.find((r) => r.id === exception.rule)
    return !rule?.examples.terraform?.[exception.kind].some((example) => example.code.includes(exception.contains))
  })
  expect(missing).toEqual([])
})

for (const rule of builtinRules) {
  const examples = rule.examples.terraform
  if (!examples) continue
  const notFromAPlan = Object.entries(RULES_NOT_FROM_A_PLAN).find(([prefix]) => rule.id.startsWith(prefix))
  if (notFromAPlan) {
    describe.skip(`${rule.id} on a plan: ${notFromAPlan[1]}`, () => {})
    continue
  }
  describe(`${rule.id} on a plan`, () => {
    for (const kind of ['bad', 'good'] as Kind[]) {
      examples[kind].forEach((example: Example<object>, i) => {
        if (example.files) {
          // planFromHcl plans one file; a module's plan is covered by the `module` case of single-file examples.
          it.skip(`${kind} #${i + 1} calls a module: its plan is not built from several files`, () => {})
          return
        }
        const unknowable = NOT_FROM_A_PLAN.find((exception) => exception.rule === rule.id && exception.kind === kind && example.code.includes(exception.contains))
        if (unknowable) {
          it(`${kind} #${i + 1} is silent on a plan: ${unknowable.reason}`, async () => {
            const plan = await planFromHcl(example.code)
            const attribute = unknowable.unknown.split('.').pop()!
            const change = (plan.resource_changes as { address: string; change: { after_unknown: Record<string, unknown> } }[]).find((c) => unknowable.unknown === `${c.address}.${attribute}`)
            expect(change?.change.after_unknown[attribute], `${unknowable.unknown} is known after apply`).toBe(true)
            const { findings } = await scanAsPlan(rule, example, {})
            expect(findings.filter((f) => f.ruleId === rule.id || f.ruleId === 'policygate/parse-error')).toEqual([])
          })
          return
        }
        for (const { name, options } of CASES) {
          it(`${kind} #${i + 1} (${name}) gives the HCL verdict`, async () => {
            const hcl = (await scanExample(rule, 'terraform', example)).filter((f) => f.ruleId === rule.id)
            const { text, findings } = await scanAsPlan(rule, example, options)
            expect(findings.filter((f) => f.ruleId === 'policygate/parse-error'), 'the plan parses').toEqual([])
            const fired = findings.filter((f) => f.ruleId === rule.id)
            if (kind === 'good') {
              expect(fired.map((f) => `${f.loc.startLine}: ${f.message}`)).toEqual([])
              return
            }
            expect(hcl.length, 'the HCL example fires').toBeGreaterThan(0)
            const prefix = options.module ? `module.${options.module}.` : ''
            expect(fired.map((f) => identity(f, prefix)).sort(), 'the same findings').toEqual(hcl.map((f) => identity(f, prefix)).sort())
            const layout = planLayout(text)
            const hclLines = [...new Set(hcl.map((f) => f.loc.startLine))]
            expect(fired.map((f) => misplaced(f, example.code, hclLines, layout)).filter(Boolean), 'plan lines hold the offending value').toEqual([])
          })
        }
      })
    }
  })
}

describe('repeated resources on a plan', () => {
  // A plan addresses each instance (`aws_iam_role.ci[0]`, `aws_iam_user.jim["jim"]`) and its references name them.
  const code = `resource "aws_iam_role" "ci" {
  count              = 1
  name               = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = aws_iam_role.ci[0].id
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "jim" {
  for_each = toset(["jim"])
  name     = each.key
}

resource "aws_iam_user_policy" "jim" {
  user   = aws_iam_user.jim["jim"].id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:DescribeInstances", Resource = "*" }] })
}
`
  const withoutInstanceKeys = (text: string) => text.replace(/\[(?:\d+|"[^"]*")\]/g, '')
  for (const id of ['iam/admin-managed-policy-attached', 'iam/user-direct-policy']) {
    it(`${id} joins the instances as the HCL joins the blocks`, async () => {
      const rule = builtinRules.find((r) => r.id === id)!
      const hcl = (await scanExample(rule, 'terraform', { code })).filter((f) => f.ruleId === id)
      const { findings } = await scanAsPlan(rule, { code }, {})
      expect(hcl.length).toBeGreaterThan(0)
      expect(findings.filter((f) => f.ruleId === id).map((f) => withoutInstanceKeys(identity(f, '')))).toEqual(hcl.map((f) => identity(f, '')))
    })
  }
})

describe('examples/plan/plan.json through the bundled CLI', () => {
  // Bundled from these sources into a temporary directory (dist/ may lag behind them); policies/ beside it, where the CLI looks.
  const work = mkdtempSync(join(tmpdir(), 'policygate-plan-cli-'))
  const cli = join(work, 'dist', 'cli.js')
  const planFile = join(REPO, 'examples/plan/plan.json')
  const planLines = readFileSync(planFile, 'utf8').split('\n')
  const lineOf = (needle: string) => planLines.findIndex((line) => line.includes(needle)) + 1

  const scanWithCli = (path: string, cwd = REPO) => {
    const run = spawnSync(process.execPath, [cli, 'scan', path, '--format', 'json', '--fail-on', 'high'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    return { code: run.status, stderr: run.stderr, findings: (JSON.parse(run.stdout) as { findings: Finding[] }).findings }
  }
  const summary = (findings: Finding[]) => findings.map((f) => `${f.loc.file}:${f.loc.startLine} ${f.ruleId} ${f.resource?.address}`)

  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), relative(REPO, join(work, 'dist'))], { cwd: REPO, encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
    cpSync(join(REPO, 'policies'), join(work, 'policies'), { recursive: true })
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('reports the wide GitHub trust, PassRole on *, and the open method, each at the line holding it', () => {
    const { code, stderr, findings } = scanWithCli('examples/plan')
    expect(code, stderr).toBe(1)
    expect(findings.filter((f) => f.ruleId.startsWith('policygate/'))).toEqual([])
    expect(summary(findings)).toEqual(expect.arrayContaining([
      `examples/plan/plan.json:${lineOf('"assume_role_policy": "{')} iam/oidc-github-unrestricted module.api.aws_iam_role.deploy`,
      `examples/plan/plan.json:${lineOf('"policy": "{\\n')} iam/passrole-unrestricted module.api.aws_iam_role_policy.deploy`,
      `examples/plan/plan.json:${lineOf('"authorization": "NONE"')} apigw/method-no-auth module.api.aws_api_gateway_method.get_orders`,
    ]))
  })

  it('reports the same on the one-line JSON `terraform show -json` prints, all on line 1', () => {
    const oneLine = join(work, 'one-line')
    mkdirSync(oneLine)
    writeFileSync(join(oneLine, 'plan.json'), JSON.stringify(JSON.parse(readFileSync(planFile, 'utf8'))))
    const { findings } = scanWithCli('.', oneLine)
    expect(summary(findings)).toEqual(expect.arrayContaining([
      'plan.json:1 iam/oidc-github-unrestricted module.api.aws_iam_role.deploy',
      'plan.json:1 iam/passrole-unrestricted module.api.aws_iam_role_policy.deploy',
      'plan.json:1 apigw/method-no-auth module.api.aws_api_gateway_method.get_orders',
    ]))
  })
})
