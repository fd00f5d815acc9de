import { readFile } from 'node:fs/promises'
import type { PullRequestRef } from '../sources/pr-files.js'
import type { Read, RunnerEnv, ScanScope } from './inputs.js'

/** Scan what a change touches, head against base; comment on the pull request when there is one. */
export interface ChangePlan {
  kind: 'change'
  baseSha: string
  headSha: string
  /** Absent for merge queues and pushes: no pull request to comment on. */
  pr?: PullRequestRef & { fromFork: boolean }
}

/** Scan the whole repository (or `paths`) at one commit. */
export interface FullPlan {
  kind: 'full'
  sha: string
  /** Why a requested change scan became a full one, for the log. */
  note?: string
}

export type RunPlan = ChangePlan | FullPlan

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])
const NO_COMMIT = /^0+$/

/** Decides from the event and the `scan` input what this run scans and against which base. */
export async function planRun(env: RunnerEnv, scan: ScanScope): Promise<Read<RunPlan>> {
  let payload: Record<string, any>
  try {
    payload = JSON.parse(await readFile(env.eventPath, 'utf8'))
  } catch (error) {
    return { ok: false, error: `Cannot read the event payload ${env.eventPath}: ${(error as Error).message}` }
  }
  if (scan === 'full') return { ok: true, value: { kind: 'full', sha: fullScanSha(env, payload) } }
  if (PULL_REQUEST_EVENTS.has(env.eventName) && payload.pull_request) {
    const pull = payload.pull_request
    return {
      ok: true,
      value: {
        kind: 'change',
        baseSha: pull.base.sha,
        headSha: pull.head.sha,
        pr: {
          owner: env.repository.owner,
          repo: env.repository.repo,
          number: payload.number ?? pull.number,
          fromFork: pull.head.repo?.full_name !== pull.base.repo?.full_name,
        },
      },
    }
  }
  if (env.eventName === 'merge_group' && payload.merge_group) {
    return { ok: true, value: { kind: 'change', baseSha: payload.merge_group.base_sha, headSha: payload.merge_group.head_sha } }
  }
  if (scan === 'changed' && env.eventName === 'push' && payload.before && !NO_COMMIT.test(payload.before)) {
    return { ok: true, value: { kind: 'change', baseSha: payload.before, headSha: payload.after ?? env.sha } }
  }
  const note = scan === 'changed' ? `scan: changed has no base commit on ${env.eventName}; scanning everything` : undefined
  return { ok: true, value: { kind: 'full', sha: fullScanSha(env, payload), note } }
}

/** On a pull request the check belongs on the head commit; elsewhere on the commit the workflow runs for. */
function fullScanSha(env: RunnerEnv, payload: Record<string, any>): string {
  return payload.pull_request?.head?.sha ?? payload.merge_group?.head_sha ?? env.sha
}
