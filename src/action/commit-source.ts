import { materialiseFromApi, readFileFromApi } from '../sources/api-contents.js'
import { ensureCommit, materialiseCommit } from '../sources/git-diff.js'
import type { GitHubClient } from './github.js'
import { readerAtCommit } from './rulebook.js'

/** Where the files of a commit come from: git objects of the checkout, or the contents API when git cannot have them. */
export interface CommitSource {
  kind: 'git' | 'api'
  materialise(sha: string, paths: string[], dest: string): Promise<{ files: string[] } | { error: string }>
  reader(sha: string): (path: string) => Promise<string | undefined>
}

/** Git first (fetching a shallow checkout's missing commits); the contents API as the last resort. */
export async function openCommits(workspace: string, shas: string[], api: { octokit?: GitHubClient; owner: string; repo: string }): Promise<CommitSource | { error: string }> {
  const failures: string[] = []
  for (const sha of shas) {
    const fetched = await ensureCommit(workspace, sha)
    if (!fetched.ok) failures.push(fetched.error)
  }
  if (failures.length === 0) {
    return { kind: 'git', materialise: (sha, paths, dest) => materialiseCommit(workspace, sha, paths, dest), reader: (sha) => readerAtCommit(workspace, sha) }
  }
  const { octokit } = api
  if (!octokit) return { error: `${failures.join('; ')}; and no token to read the commits through the API` }
  const at = (sha: string) => ({ owner: api.owner, repo: api.repo, sha })
  return {
    kind: 'api',
    materialise: (sha, paths, dest) => materialiseFromApi(octokit, at(sha), paths, dest),
    reader: (sha) => (path) => readFileFromApi(octokit, at(sha), path),
  }
}
