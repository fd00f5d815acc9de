import * as core from '@actions/core'
import { toAnnotations } from '../report/github/annotations.js'
import { fullScanCheckTitle } from '../report/github/check-title.js'
import { toMarkdown } from '../report/markdown.js'
import { redactResult } from '../report/redact.js'
import { active } from '../report/summary.js'
import { scan } from '../scan.js'
import type { FullPlan } from './event.js'
import type { RunProgress } from './guard.js'
import { emitWorkflowAnnotations } from './fallback.js'
import { conclusionOf, gateDescription, UNRESOLVED_RULE } from './gate.js'
import type { GitHubClient } from './github.js'
import type { ActionInputs, RunnerEnv } from './inputs.js'
import { blobLink, type RunOutcome } from './outcome.js'
import { CHECK_SUMMARY_LIMIT, publishCheckRun } from './publish/check-run.js'
import { describeError } from './publish/errors.js'
import { loadRunRulebook, readerInWorkspace } from './rulebook.js'

/** Manual, scheduled and push runs: the whole repository (or `paths`) at one commit; every finding gates. */
export async function runFull(inputs: ActionInputs, env: RunnerEnv, plan: FullPlan, octokit: GitHubClient | undefined, progress: RunProgress = {}): Promise<RunOutcome | { error: string }> {
  if (plan.note) core.info(plan.note)
  const loaded = await loadRunRulebook(inputs.rulebook, readerInWorkspace(env.workspace), octokit)
  if ('error' in loaded) return loaded
  const { rulebook } = loaded
  const head = redactResult(await scan({ root: env.workspace, paths: inputs.paths.length > 0 ? inputs.paths : undefined, rulebook }))
  const current = active(head.findings).filter((f) => f.ruleId !== UNRESOLVED_RULE)
  progress.found = { head, current, headSha: plan.sha }
  const conclusion = conclusionOf(current, inputs.failOn)
  const markdown = toMarkdown(head, { title: 'policygate: full scan', linkFor: (finding) => blobLink(env.serverUrl, env.repository, plan.sha, finding) })
  const summary = `${markdown}\nGate: ${gateDescription('all', inputs.failOn)} → **${conclusion}**.\n`
  let published = false
  if (octokit) {
    try {
      const checkRun = await publishCheckRun(octokit, {
        owner: env.repository.owner,
        repo: env.repository.repo,
        headSha: plan.sha,
        conclusion,
        title: fullScanCheckTitle(current, head.files.length),
        summary: summary.slice(0, CHECK_SUMMARY_LIMIT),
        annotations: toAnnotations(current),
      })
      progress.checkRunId = checkRun.id
      published = true
    } catch (error) {
      core.warning(`Could not create the check run: ${describeError(error)}`)
    }
  }
  if (!published) emitWorkflowAnnotations(current)
  return { mode: 'full', head, current, added: current, gating: current, conclusion, jobSummary: summary, reportExtras: {} }
}
