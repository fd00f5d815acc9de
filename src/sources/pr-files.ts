import type { getOctokit } from '@actions/github'
import { linesOfPatch, type ChangedFile } from './changed-files.js'

type Octokit = ReturnType<typeof getOctokit>

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** GitHub lists at most this many files for a pull request; a longer list is cut without a word. */
const PR_FILES_API_CAP = 3000

export interface PrFiles {
  files: ChangedFile[]
  /** The API stopped at its cap: the list is not the whole change. */
  capped: boolean
  /** Files the API listed without a patch (too large, binary): their lines need `git diff`. */
  withoutPatch: string[]
}

/** The pull request's changed files and head-side lines from the files API, every page. */
export async function changedFilesFromPr(octokit: Octokit, pr: PullRequestRef): Promise<PrFiles> {
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 })
  const files: ChangedFile[] = []
  const withoutPatch: string[] = []
  for (const entry of listed) {
    const status = entry.status === 'removed' ? 'removed' : entry.status === 'added' || entry.status === 'copied' ? 'added' : entry.status === 'renamed' ? 'renamed' : 'modified'
    if (entry.patch === undefined && status !== 'removed' && entry.changes > 0) withoutPatch.push(entry.filename)
    const { addedLines, hunks } = linesOfPatch(entry.patch ?? '')
    files.push({ path: entry.filename, previousPath: status === 'renamed' ? entry.previous_filename : undefined, status, addedLines, hunks })
  }
  return { files, capped: listed.length >= PR_FILES_API_CAP, withoutPatch }
}
