import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load as loadYaml } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { toJson } from '../../src/report/json.js'
import { scan } from '../../src/scan.js'
import { REPO } from '../helpers/cli.js'
import { tempTree } from './cli-bundle.js'
import { codeBlocks, readDoc } from './markdown.js'

/*
 * The example workflows use only what action.yml declares, ask for the permissions
 * examples/workflows/README.md explains and no others, and action.yml declares exactly the inputs
 * and outputs the Action's code reads and sets.
 */

interface Step {
  id?: string
  uses?: string
  run?: string
  name?: string
  with?: Record<string, unknown>
}
interface Workflow {
  on: Record<string, unknown> | string[]
  permissions?: Record<string, string>
  jobs: Record<string, { steps: Step[] }>
}
interface ActionYml {
  inputs: Record<string, { default?: string; description: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const WORKFLOW_DIR = 'examples/workflows'
const action = loadYaml(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionYml
const workflowFiles = readdirSync(join(REPO, WORKFLOW_DIR)).filter((f) => f.endsWith('.yml')).sort()
const workflows = workflowFiles.map((file) => ({ file, text: readFileSync(join(REPO, WORKFLOW_DIR, file), 'utf8') })).map(({ file, text }) => ({ file, text, workflow: loadYaml(text) as Workflow }))

/** The README's own Action example, as a workflow. */
const readmeWorkflow = (() => {
  const block = codeBlocks(readDoc('README.md')).find((b) => b.language === 'yaml' && b.body.includes('policygate/policygate@'))!
  return { file: 'README.md', text: block.body, workflow: loadYaml(block.body) as Workflow }
})()

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps)
const isPolicygate = (step: Step) => step.uses?.startsWith('policygate/policygate@') === true
const triggers = (workflow: Workflow) => (Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on))

describe('the example workflows and the README example', () => {
  const all = [...workflows, readmeWorkflow]

  it('are the three the workflows README lists', () => {
    const listed = [...readDoc(`${WORKFLOW_DIR}/README.md`).matchAll(/^\| \[`([\w-]+\.yml)`\]/gm)].map((m) => m[1])
    expect(listed.sort()).toEqual(workflowFiles)
    expect(workflowFiles).toHaveLength(3)
  })

  it('give the policygate step only inputs action.yml declares', () => {
    for (const { file, workflow } of all) {
      const used = steps(workflow).filter(isPolicygate)
      expect(used.length, file).toBeGreaterThan(0)
      for (const step of used) for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), `${file}: with.${key}`).toContain(key)
    }
  })

  it("read only outputs action.yml declares from the policygate step", () => {
    for (const { file, text, workflow } of all) {
      const ids = steps(workflow).filter(isPolicygate).flatMap((s) => (s.id ? [s.id] : []))
      for (const id of ids) {
        for (const [, name] of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, 'g'))) expect(Object.keys(action.outputs), `${file}: ${name}`).toContain(name)
      }
    }
  })

  it('ask only for the permissions the workflows README explains, each for the reason it gives', () => {
    const block = codeBlocks(readDoc(`${WORKFLOW_DIR}/README.md`)).find((b) => b.language === 'yaml' && b.body.startsWith('permissions:'))!
    const documented = (loadYaml(block.body) as { permissions: Record<string, string> }).permissions
    expect(documented).toEqual({ contents: 'read', 'pull-requests': 'write', checks: 'write', 'security-events': 'write' })
    for (const { file, workflow } of all) {
      const granted = workflow.permissions ?? {}
      for (const [scope, level] of Object.entries(granted)) expect([file, scope, level]).toEqual([file, scope, documented[scope]])
      const withToken = steps(workflow).some((s) => isPolicygate(s) && s.with?.['github-token'] !== '')
      const onPullRequests = triggers(workflow).some((t) => t === 'pull_request' || t === 'pull_request_target')
      const uploadsSarif = steps(workflow).some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))
      const expected: Record<string, string> = { contents: 'read' }
      // review comments and the summary comment: pull requests, with a token that may write
      if (withToken && onPullRequests) expected['pull-requests'] = 'write'
      // the policygate check run: any run with a token
      if (withToken) expected.checks = 'write'
      // only for uploading SARIF to code scanning
      if (uploadsSarif) expected['security-events'] = 'write'
      expect([file, granted]).toEqual([file, expected])
    }
  })

  it('the README example asks for what the PR gate asks for', () => {
    const gate = workflows.find((w) => w.file === 'pr-gate.yml')!
    expect(readmeWorkflow.workflow.permissions).toEqual(gate.workflow.permissions)
    expect(triggers(readmeWorkflow.workflow).sort()).toEqual(triggers(gate.workflow).sort())
  })

  it('run when the workflows README says they do', () => {
    const rows = new Map([...readDoc(`${WORKFLOW_DIR}/README.md`).matchAll(/^\| \[`([\w-]+\.yml)`\]\([^)]+\) \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]))
    for (const { file, workflow } of workflows) {
      const when = rows.get(file)!
      const on = workflow.on as Record<string, { branches?: string[] } | { cron: string }[] | null>
      const crons = ((on.schedule ?? []) as { cron: string }[]).map((s) => s.cron.split(' '))
      for (const [, event] of when.matchAll(/`(\w+)`/g)) expect(Object.keys(on), `${file}: ${when}`).toContain(event)
      if (when.includes('nightly')) expect(crons.some((c) => c[2] === '*' && c[4] === '*'), `${file}: nightly`).toBe(true)
      if (when.includes('weekly')) expect(crons.some((c) => c[2] === '*' && /^\d$/.test(c[4]!)), `${file}: weekly`).toBe(true)
      if (when.includes('manual')) expect(Object.keys(on), `${file}: manual`).toContain('workflow_dispatch')
      if (when.includes('push to main')) expect((on.push as { branches?: string[] }).branches).toContain('main')
    }
  })
})

describe('action.yml and the Action code declare the same inputs and outputs', () => {
  const sources = (dir: string): string[] =>
    readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(REPO, dir, f), 'utf8'))
  const code = [...sources('src/action'), readFileSync(join(REPO, 'src/action.ts'), 'utf8')].join('\n')

  it('every input action.yml declares is read by the code, and nothing else is', () => {
    const read = new Set([...code.matchAll(/core\.get(?:Multiline|Boolean)?Input\('([\w-]+)'/g)].map((m) => m[1]!))
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('every output action.yml declares is set by the code, and nothing else is', () => {
    const set = new Set([...code.matchAll(/core\.setOutput\('([\w-]+)'/g)].map((m) => m[1]!))
    expect([...set].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it("the code's fallback for an empty input is action.yml's default", () => {
    const fallbacks = new Map([...code.matchAll(/core\.getInput\('([\w-]+)'\) \|\| '([^']*)'/g)].map((m) => [m[1]!, m[2]!]))
    expect(fallbacks.size).toBeGreaterThan(3)
    for (const [name, fallback] of fallbacks) expect([name, fallback]).toEqual([name, action.inputs[name]!.default])
  })

  it('the documented SARIF and JSON report paths are where the code writes them', () => {
    const main = readFileSync(join(REPO, 'src/action/main.ts'), 'utf8')
    const sarifDefault = /Default `\$RUNNER_TEMP\/([^`]+)`/.exec(action.inputs['sarif-file']!.description)![1]!
    expect(main).toContain(`join(env.tempDir, ${sarifDefault.split('/').map((s) => `'${s}'`).join(', ')})`)
    // org-scan.yml's merge step reads report.json from each downloaded artifact.
    expect(main).toContain("join(env.tempDir, 'policygate', 'report.json')")
    expect(workflows.find((w) => w.file === 'org-scan.yml')!.text).toContain('"$dir/report.json"')
  })

  it('runs the bundled Action on the Node version GitHub provides', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' })
  })
})

describe("org-scan.yml's merge step", () => {
  const hasJq = spawnSync('jq', ['--version']).status === 0

  it.skipIf(!hasJq)('merges JSON reports as the Action writes them into one summary', async () => {
    const merge = steps(workflows.find((w) => w.file === 'org-scan.yml')!.workflow).find((s) => s.name === 'Merge the reports')!.run!
    const result = await scan({ root: REPO, paths: ['examples'], parseWorkers: 0 })
    const report = { ...JSON.parse(toJson(result, '0.0.0')), mode: 'full', conclusion: 'failure' }
    const empty = { ...report, files: [], summary: { total: 0, suppressed: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } }, findings: [] }
    const work = tempTree({
      'reports/policygate-acme__infra/report.json': JSON.stringify(report),
      'reports/policygate-acme__empty/report.json': JSON.stringify(empty),
    })
    try {
      const run = spawnSync('bash', ['-eo', 'pipefail', '-c', merge], { cwd: work.dir, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: join(work.dir, 'summary.md') } })
      expect(run.status, run.stderr).toBe(0)
      const merged = JSON.parse(readFileSync(join(work.dir, 'merged.json'), 'utf8')) as { repositories: number; bySeverity: Record<string, number>; findings: { repo: string; ruleId: string; file: string; line: number }[] }
      expect(merged.repositories).toBe(2)
      expect(merged.bySeverity).toEqual(report.summary.bySeverity)
      const active = (report.findings as { suppressed?: unknown }[]).filter((f) => !f.suppressed)
      expect(merged.findings).toHaveLength(active.length)
      expect(new Set(merged.findings.map((f) => f.repo))).toEqual(new Set(['acme/infra']))
      expect(merged.findings.every((f) => f.ruleId && f.file && f.line > 0)).toBe(true)
      const summary = readFileSync(join(work.dir, 'summary.md'), 'utf8')
      expect(summary).toContain('## policygate: 2 repositories')
      expect(summary).toMatch(/\| acme\/infra \| critical \| `iam\/[a-z-]+` \| examples\/terraform\/main\.tf:\d+ \|/)
    } finally {
      work.cleanup()
    }
  })
})
