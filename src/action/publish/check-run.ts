import type { AnnotationLevel, CheckAnnotation } from '../../report/github/annotations.js'
import type { GitHubClient } from '../github.js'

/** The checks API takes at most 50 annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50
/** The checks API rejects a summary longer than this. */
export const CHECK_SUMMARY_LIMIT = 65_535

export interface CheckRunContent {
  owner: string
  repo: string
  headSha: string
  conclusion: 'success' | 'failure'
  title: string
  summary: string
  annotations: CheckAnnotation[]
}

const LEVEL_ORDER: AnnotationLevel[] = ['failure', 'warning', 'notice']

/** Creates the completed `policygate` check run with the first 50 annotations, failures first, then appends the rest 50 at a time. */
export async function publishCheckRun(octokit: GitHubClient, content: CheckRunContent): Promise<{ id: number; url: string }> {
  // Stable: within a level the caller's order (new before existing, most severe first) holds.
  const annotations = [...content.annotations].sort((a, b) => LEVEL_ORDER.indexOf(a.annotation_level) - LEVEL_ORDER.indexOf(b.annotation_level))
  const batches: CheckAnnotation[][] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  const output = (annotations: CheckAnnotation[] | undefined) => ({
    title: content.title,
    summary: content.summary.slice(0, CHECK_SUMMARY_LIMIT),
    ...(annotations ? { annotations } : {}),
  })
  const created = await octokit.rest.checks.create({
    owner: content.owner,
    repo: content.repo,
    name: 'policygate',
    head_sha: content.headSha,
    status: 'completed',
    conclusion: content.conclusion,
    completed_at: new Date().toISOString(),
    output: output(batches[0]),
  })
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ owner: content.owner, repo: content.repo, check_run_id: created.data.id, output: output(batch) })
  }
  return { id: created.data.id, url: created.data.html_url ?? '' }
}
