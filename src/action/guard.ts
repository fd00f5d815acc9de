import * as core from '@actions/core'
import { toAnnotation } from '../report/github/annotations.js'
import { toMarkdown } from '../report/markdown.js'
import { errorText } from '../report/redact.js'
import { toSarif } from '../report/sarif.js'
import { builtinRules } from '../rules/index.js'
import type { Finding } from '../rules/types.js'
import type { ScanResult } from '../scan.js'
import { VERSION } from '../version.js'
import type { GitHubClient } from './github.js'
import { CHECK_SUMMARY_LIMIT, publishCheckRun } from './publish/check-run.js'
import { describeError } from './publish/errors.js'

/**
 * What a run has done so far, kept so that an exception in a later step still publishes what was found:
 * the run records its findings as soon as it has them, and each output once it is written.
 */
export interface RunProgress {
  found?: {
    /** Masked: as every output sees them. */
    head: ScanResult
    /** The findings that count (active, diagnostics about unknown values left out). */
    current: Finding[]
    /** The commit the check run belongs on. */
    headSha: string
  }
  checkRunId?: number
  jobSummaryWritten?: boolean
  sarifPath?: string
}

export interface GuardContext {
  progress: RunProgress
  octokit?: GitHubClient
  repository: { owner: string; repo: string }
  /** The checkout: SARIF paths are relative to it. */
  workspace: string
  /** Where SARIF goes (the `sarif-file` input, or under the runner's temp directory), and the fallback when that fails. */
  sarifPaths: string[]
  writeText(path: string, text: string): Promise<void>
}

/**
 * The top-level guard's work after an exception: whatever the run found still reaches the job summary,
 * SARIF and a concluded (failed) check run, each attempted on its own, and the step fails.
 */
export async function publishAfterFailure(context: GuardContext, error: unknown): Promise<void> {
  const { progress } = context
  const reason = errorText(error)
  const found = progress.found
  if (!found) {
    core.setFailed(`policygate: internal error: ${reason}`)
    process.exitCode = 2
    return
  }
  const stopped = `policygate stopped before it finished (${firstLine(reason)}); what it found is below and fails this check.`
  const summary = `${toMarkdown(found.head, { title: 'policygate: stopped early' })}\n> ⚠️ ${stopped}\n`
  const attempt = async (what: string, step: () => Promise<void>) => {
    try {
      await step()
    } catch (failure) {
      core.warning(`Could not ${what} after the error: ${describeError(failure)}`)
    }
  }
  if (!progress.jobSummaryWritten) await attempt('write the job summary', () => core.summary.addRaw(summary).write().then(() => undefined))
  if (!progress.sarifPath) {
    const sarif = JSON.stringify(toSarif({ ...found.head, root: context.workspace }, { toolVersion: VERSION, rules: builtinRules }), null, 2)
    for (const path of context.sarifPaths) {
      try {
        await context.writeText(path, sarif)
        core.setOutput('sarif-file', path)
        break
      } catch (failure) {
        core.warning(`Could not write SARIF to ${path}: ${describeError(failure)}`)
      }
    }
  }
  const octokit = context.octokit
  if (octokit) {
    const { owner, repo } = context.repository
    const title = `Stopped early: ${found.current.length} finding(s) so far`
    await attempt('conclude the check run', async () => {
      if (progress.checkRunId !== undefined) {
        await octokit.rest.checks.update({ owner, repo, check_run_id: progress.checkRunId, status: 'completed', conclusion: 'failure', completed_at: new Date().toISOString(), output: { title, summary: summary.slice(0, CHECK_SUMMARY_LIMIT) } })
      } else {
        await publishCheckRun(octokit, { owner, repo, headSha: found.headSha, conclusion: 'failure', title, summary, annotations: found.current.map(toAnnotation) })
      }
    })
  }
  core.setOutput('findings', found.current.length)
  core.setOutput('conclusion', 'failure')
  core.setFailed(`policygate: internal error after the scan: ${reason}`)
  process.exitCode = 2
}

function firstLine(text: string): string {
  return text.split('\n')[0]!
}
