import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { builtinRules } from '../rules/index.js'
import { toJson } from '../report/json.js'
import { errorText, redact } from '../report/redact.js'
import { toSarif } from '../report/sarif.js'
import { VERSION } from '../version.js'
import { planRun } from './event.js'
import { isAtOrAbove } from './gate.js'
import { createGitHubClient } from './github.js'
import { readInputs, readRunnerEnv, type ActionInputs, type RunnerEnv } from './inputs.js'
import type { RunOutcome } from './outcome.js'
import { publishAfterFailure, type GuardContext, type RunProgress } from './guard.js'
import { runChange } from './run-change.js'
import { runFull } from './run-full.js'

/** The Action: read inputs, decide what to scan, scan, publish, and let the exit code carry the verdict. */
export async function run(): Promise<void> {
  const progress: RunProgress = {}
  let guard: Omit<GuardContext, 'progress'> | undefined
  try {
    const inputs = readInputs()
    if (!inputs.ok) return configurationError(inputs.error)
    const env = readRunnerEnv()
    if (!env.ok) return configurationError(env.error)
    const plan = await planRun(env.value, inputs.value.scan)
    if (!plan.ok) return configurationError(plan.error)
    const octokit = inputs.value.token ? createGitHubClient(inputs.value.token, env.value.apiUrl, (m) => core.warning(m)) : undefined
    guard = { octokit, repository: env.value.repository, workspace: env.value.workspace, sarifPaths: sarifPathsOf(inputs.value, env.value), writeText }
    const outcome =
      plan.value.kind === 'change'
        ? await runChange(inputs.value, env.value, plan.value, octokit, progress)
        : await runFull(inputs.value, env.value, plan.value, octokit, progress)
    if ('error' in outcome) return configurationError(`policygate: ${outcome.error}`)
    await publishOutputs(inputs.value, env.value, outcome, progress)
    if (outcome.conclusion === 'failure') {
      const failing = outcome.gating.filter((f) => isAtOrAbove(f.severity, inputs.value.failOn)).length
      core.setFailed(`policygate: ${failing} ${outcome.mode === 'change' && inputs.value.gate === 'new' ? 'new ' : ''}finding(s) at ${inputs.value.failOn} or above`)
    }
  } catch (error) {
    // Whatever was found is still published: job summary, SARIF, a failed check run; then the step fails.
    if (guard) await publishAfterFailure({ ...guard, progress }, error)
    else {
      core.setFailed(`policygate: internal error: ${errorText(error)}`)
      process.exitCode = 2
    }
  }
}

/** Bad inputs, a broken rulebook, a checkout without the commits: exit 2, as the CLI does, so it reads apart from findings. */
function configurationError(message: string): void {
  core.setFailed(redact(message))
  process.exitCode = 2
}

/** Job summary, SARIF and JSON files, and step outputs: written whatever the API allowed. */
async function publishOutputs(inputs: ActionInputs, env: RunnerEnv, outcome: RunOutcome, progress: RunProgress): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(outcome.jobSummary).write()
  else core.info(outcome.jobSummary)
  progress.jobSummaryWritten = true
  const [sarifPath] = sarifPathsOf(inputs, env)
  const reportPath = join(env.tempDir, 'policygate', 'report.json')
  // SARIF URIs are relative to the checkout, where code scanning looks for them; the scan itself ran elsewhere.
  const sarif = toSarif({ ...outcome.head, root: env.workspace }, { toolVersion: VERSION, rules: builtinRules })
  await writeText(sarifPath!, JSON.stringify(sarif, null, 2))
  progress.sarifPath = sarifPath
  const report = { ...JSON.parse(toJson(outcome.head, VERSION)), mode: outcome.mode, conclusion: outcome.conclusion, ...outcome.reportExtras }
  await writeText(reportPath, JSON.stringify(report, null, 2))
  core.setOutput('findings', outcome.current.length)
  core.setOutput('new-findings', outcome.added.length)
  core.setOutput('conclusion', outcome.conclusion)
  core.setOutput('sarif-file', sarifPath)
  core.setOutput('report-json', reportPath)
}

/** Where SARIF is written: the `sarif-file` input, else under the runner's temp directory, which is also the fallback. */
function sarifPathsOf(inputs: ActionInputs, env: RunnerEnv): string[] {
  const fallback = join(env.tempDir, 'policygate', 'policygate.sarif')
  return inputs.sarifFile ? [resolveIn(env.workspace, inputs.sarifFile), fallback] : [fallback]
}

function resolveIn(workspace: string, path: string): string {
  return isAbsolute(path) ? path : join(workspace, path)
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
}
