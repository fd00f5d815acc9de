import * as core from '@actions/core'
import { toAnnotations } from '../report/github/annotations.js'
import { fullScanCheckTitle } from '../report/github/check-title.js'
import { toMarkdown } from '../report/markdown.js'
import { redactResult } from '../report/redact.js'
import { active } from '../report/summary.js'
import { applyBaseline, baselineNote, parseBaseline } from '../diff/baseline.js'
import { scan, type ScanResult } from '../scan.js'
import { createRepoReader } from '../sources/reader.js'
import type { FullPlan } from './event.js'
import type { RunProgress } from './guard.js'
import { emitWorkflowAnnotations } from './fallback.js'
import { conclusionOf, gateDescription, UNRESOLVED_RULE } from './gate.js'
import type { GitHubClient } from './github.js'
import type { ActionInputs, RunnerEnv } from './inputs.js'
import { blobLink, type RunOutcome } from './outcome.js'
import { CHECK_SUMMARY_LIMIT, publishCheckRun } from './publish/check-run.js'
import { describeError } from './publish/errors.js'
import { readGivenInputs } from './given-inputs.js'
import { loadRunRulebook, readerInWorkspace } from './rulebook.js'

/** The scan without the findings the repository's baseline file records, and a note on what it did. */
function withBaseline(scanned: ScanResult, workspace: string, path: string): { head: ScanResult; notes: string[] } | { error: string } {
  const text = createRepoReader(workspace).readText(path)
  if (text === undefined) return { error: `the baseline file ${path} is not in the repository (write it with \`policygate scan --write-baseline ${path}\`)` }
  const baseline = parseBaseline(text)
  if ('error' in baseline) return { error: `the baseline file ${path} is ${baseline.error}` }
  const outcome = applyBaseline(scanned.findings, baseline)
  return { head: { ...scanned, findings: outcome.findings }, notes: [baselineNote(path, outcome)] }
}

/** Manual, scheduled and push runs: the whole repository (or `paths`) at one commit; every finding gates. */
export async function runFull(inputs: ActionInputs, env: RunnerEnv, plan: FullPlan, octokit: GitHubClient | undefined, progress: RunProgress = {}): Promise<RunOutcome | { error: string }> {
  if (plan.note) core.info(plan.note)
  const loaded = await loadRunRulebook(inputs.rulebook, readerInWorkspace(env.workspace), octokit)
  if ('error' in loaded) return loaded
  const { rulebook } = loaded
  const given = readGivenInputs(inputs.given, env.workspace)
  if ('error' in given) return given
  const scanned = redactResult(await scan({ root: env.workspace, paths: inputs.paths.length > 0 ? inputs.paths : undefined, rulebook, skip: { skipPaths: inputs.skipPaths }, given, ...inputs.limits }))
  const known = inputs.baseline ? withBaseline(scanned, env.workspace, inputs.baseline) : { head: scanned, notes: [] }
  if ('error' in known) return known
  const { head } = known
  const current = active(head.findings).filter((f) => f.ruleId !== UNRESOLVED_RULE)
  progress.found = { head, current, headSha: plan.sha }
  const conclusion = conclusionOf(current, inputs.failOn, head.timedOut)
  const markdown = toMarkdown(head, { title: 'policygate: full scan', linkFor: (finding) => blobLink(env.serverUrl, env.repository, plan.sha, finding), notes: known.notes })
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
