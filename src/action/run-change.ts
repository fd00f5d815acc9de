import * as core from '@actions/core'
import { builtinRules } from '../rules/index.js'
import { expiringSoon } from '../rulebook/index.js'
import { toAnnotations } from '../report/github/annotations.js'
import { changeCheckTitle } from '../report/github/check-title.js'
import { inReviewOrder } from '../report/github/order.js'
import { changeReportMarkdown, type ChangeReport } from '../report/github/pr-summary.js'
import type { Finding } from '../rules/types.js'
import { scanChange } from './change-mode.js'
import type { ChangePlan } from './event.js'
import type { RunProgress } from './guard.js'
import { emitWorkflowAnnotations } from './fallback.js'
import { conclusionOf, gateDescription, UNRESOLVED_RULE } from './gate.js'
import type { GitHubClient } from './github.js'
import type { ActionInputs, RunnerEnv } from './inputs.js'
import { blobLink, type RunOutcome } from './outcome.js'
import { CHECK_SUMMARY_LIMIT, publishCheckRun } from './publish/check-run.js'
import { describeError, isPermissionError } from './publish/errors.js'
import { readGivenInputs } from './given-inputs.js'
import { publishReview, type ReviewOutcome } from './publish/review.js'
import { COMMENT_LIMIT, upsertSummaryComment } from './publish/summary-comment.js'

/** The job summary may hold up to 1 MiB; stay under it with room for the runner's own text. */
const JOB_SUMMARY_LIMIT = 1_000_000

/** Pull request, merge queue or push-with-base: scan the change, publish what the token allows, always keep every finding in the job summary. */
export async function runChange(inputs: ActionInputs, env: RunnerEnv, plan: ChangePlan, octokit: GitHubClient | undefined, progress: RunProgress = {}): Promise<RunOutcome | { error: string }> {
  const started = performance.now()
  const given = readGivenInputs(inputs.given, env.workspace)
  if ('error' in given) return given
  const change = await scanChange({ workspace: env.workspace, tempDir: env.tempDir, repository: env.repository, plan, paths: inputs.paths, rulebookSpec: inputs.rulebook, skipPaths: inputs.skipPaths, octokit, given, limits: inputs.limits })
  if ('error' in change) return change
  core.info(`policygate: ${change.changedFiles.size} changed file(s); scanned ${change.head.files.length} on the head and ${change.base.files.length} on the base in ${Math.round(performance.now() - started)} ms`)
  const counted = (findings: Finding[]) => inReviewOrder(findings.filter((f) => f.ruleId !== UNRESOLVED_RULE))
  const added = counted(change.added)
  const existing = counted(change.existing)
  const fixed = counted(change.fixed)
  const current = [...added, ...existing]
  progress.found = { head: change.head, current, headSha: plan.headSha }
  const gating = inputs.gate === 'new' ? added : current
  const conclusion = conclusionOf(gating, inputs.failOn, change.head.timedOut || change.base.timedOut)
  const notes = [...change.notes]
  const report: ChangeReport = {
    headSha: plan.headSha,
    baseSha: change.diffBase,
    added,
    existing,
    fixed,
    unresolved: change.head.findings.filter((f) => f.ruleId === UNRESOLVED_RULE && !f.suppressed),
    suppressedCount: change.head.findings.filter((f) => f.suppressed).length,
    rulebookSource: `${change.rulebook.source} at ${plan.baseSha.slice(0, 7)}`,
    expiring: expiringSoon(change.head.findings, new Date()),
    conclusion,
    gateDescription: gateDescription(inputs.gate, inputs.failOn),
    notes,
    linkFor: (finding, status) => blobLink(env.serverUrl, env.repository, status === 'fixed' ? change.diffBase : plan.headSha, finding),
  }

  let cannotWrite = !octokit
  const attempt = async <T>(what: string, action: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action()
    } catch (error) {
      // GitHub shows 10 warning annotations per step: a read-only token's refusals must not crowd out the findings' own.
      const log = isPermissionError(error) ? core.info : core.warning
      if (isPermissionError(error)) cannotWrite = true
      log(`Could not ${what}: ${describeError(error)}`)
      notes.push(`Could not ${what} (${describeError(error)}).`)
      return undefined
    }
  }

  if (octokit && plan.pr && inputs.commentMode === 'review') {
    const pr = plan.pr
    const review = await attempt('post review comments', () =>
      publishReview(octokit, { pr, headSha: plan.headSha, added, current, changedFiles: change.changedFiles, maxComments: inputs.maxComments, ruleFor: (id) => builtinRules.find((r) => r.id === id) }),
    )
    if (review) notes.push(...reviewNotes(review))
  }
  const checkRun = octokit
    ? await attempt('create the check run', () =>
        publishCheckRun(octokit, {
          owner: env.repository.owner,
          repo: env.repository.repo,
          headSha: plan.headSha,
          conclusion,
          title: changeCheckTitle(added, existing, fixed),
          summary: changeReportMarkdown(report, CHECK_SUMMARY_LIMIT),
          annotations: toAnnotations(current),
        }),
      )
    : undefined
  if (checkRun) progress.checkRunId = checkRun.id
  if (octokit && plan.pr && inputs.commentMode !== 'off') {
    const pr = plan.pr
    await attempt('update the summary comment', () => upsertSummaryComment(octokit, pr, changeReportMarkdown(report, COMMENT_LIMIT - 100)))
  }
  if (!checkRun) {
    if (cannotWrite) notes.push(`The token cannot write to this repository (${plan.pr?.fromFork ? 'a pull request from a fork' : 'a read-only token or missing permissions'}): findings are reported as workflow annotations.`)
    emitWorkflowAnnotations(current)
  }

  core.info(`policygate: published in ${Math.round(performance.now() - started)} ms since the scan began`)
  return {
    mode: 'change',
    head: change.head,
    current,
    added,
    gating,
    conclusion,
    jobSummary: changeReportMarkdown(report, JOB_SUMMARY_LIMIT),
    reportExtras: {
      change: {
        headSha: plan.headSha,
        baseSha: change.diffBase,
        new: added.map((f) => f.fingerprint),
        existing: existing.map((f) => f.fingerprint),
        fixed,
      },
    },
  }
}

function reviewNotes(review: ReviewOutcome): string[] {
  const notes: string[] = []
  const count = (reason: string) => review.unplaced.filter((u) => u.reason === reason).length
  if (count('outside the diff') > 0) notes.push(`${count('outside the diff')} new finding(s) point at lines this change does not touch, so they have no review comment; they are in the table.`)
  if (count('over max-comments') > 0) notes.push(`${count('over max-comments')} new finding(s) beyond max-comments have no review comment; they are in the table.`)
  const rejectedLines = new Set(review.unplaced.filter((u) => u.reason === 'rejected by GitHub').map((u) => `${u.finding.loc.file}:${u.finding.loc.startLine}`)).size
  if (rejectedLines > 0) notes.push(`GitHub rejected ${rejectedLines} review comment(s) (line not in the diff); their ${count('rejected by GitHub')} finding(s) are in the table.`)
  return notes
}
