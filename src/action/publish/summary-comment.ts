import { SUMMARY_MARKER } from '../../report/github/markers.js'
import type { PullRequestRef } from '../../sources/pr-files.js'
import type { GitHubClient } from '../github.js'

/** GitHub rejects an issue comment longer than this. */
export const COMMENT_LIMIT = 65_536

/** One summary comment per pull request, found by its marker and edited in place on every run. */
export async function upsertSummaryComment(octokit: GitHubClient, pr: PullRequestRef, markdown: string): Promise<{ id: number; created: boolean }> {
  const body = `${SUMMARY_MARKER}\n${markdown}`.slice(0, COMMENT_LIMIT)
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 })
  const existing = comments.find((comment) => comment.body?.includes(SUMMARY_MARKER))
  if (existing) {
    if (existing.body !== body) await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body })
    return { id: existing.id, created: false }
  }
  const created = await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body })
  return { id: created.data.id, created: true }
}
