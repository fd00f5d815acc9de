import * as core from '@actions/core'
import { toAnnotation } from '../report/github/annotations.js'
import { fullScanCheckTitle } from '../report/github/check-title.js'
import { toMarkdown } from '../report/markdown.js'
import { active } from '../report/summary.js'
import { scan } from '../scan.js'
import type { FullPlan } from './event.js'
import { emitWorkflowAnnotations } from './fallback.js'
import { conclusionOf, gateDescription, UNRESOLVED_RULE } from './gate.js'
import type { GitHubClient } from './github.js'
import type { ActionInputs, RunnerEnv } from './inputs.js'
import { blobLink, type RunOutcome } from './outcome.js'
import { CHECK_SUMMARY_LIMIT, publishCheckRun } from './publish/check-run.js'
import { describeError } from './publish/errors.js'
import { loadRunRulebook, readerInWorkspace } from './rulebook.js'

/** Manual, scheduled and push runs: the whole repository (or `paths`) at one commit; every finding gates. */
export async function runFull(inputs: ActionInputs, env: RunnerEnv, plan: FullPlan, octokit: GitHubClient | undefined): Promise<RunOutcome | { error: string }> {
  if (plan.note) core.info(plan.note)
  const loaded = await loadRunRulebook(inputs.rulebook, readerInWorkspace(env.workspace), octokit)
  if ('error' in loaded) return loaded
  const { rulebook } = loaded
  const head = await scan({ root: env.workspace, paths: inputs.paths.length > 0 ? inputs.paths : undefined, rulebook, ...inputs.limits })
  const current = active(head.findings).filter((f) => f.ruleId !== UNRESOLVED_RULE)
  const conclusion = conclusionOf(current, inputs.failOn, head.timedOut)
  const markdown = toMarkdown(head, { title: 'policygate: full scan', linkFor: (finding) => blobLink(env.serverUrl, env.repository, plan.sha, finding) })
  const summary = `${markdown}\nGate: ${gateDescription('all', inputs.failOn)} → **${conclusion}**.\n`
  let published = false
  if (octokit) {
    try {
      await publishCheckRun(octokit, {
        owner: env.repository.owner,
        repo: env.repository.repo,
        headSha: plan.sha,
        conclusion,
        title: fullScanCheckTitle(current, head.files.length),
        summary: summary.slice(0, CHECK_SUMMARY_LIMIT),
        annotations: current.map(toAnnotation),
      })
      published = true
    } catch (error) {
      core.warning(`Could not create the check run: ${describeError(error)}`)
    }
  }
  if (!published) emitWorkflowAnnotations(current)
  return { mode: 'full', head, current, added: current, gating: current, conclusion, jobSummary: summary, reportExtras: {} }
}
