import { formatRulebookError, loadRulebook, type LoadedRulebook, type RemoteRef } from '../rulebook/index.js'
import { git } from '../sources/git-diff.js'
import { createRepoReader } from '../sources/reader.js'
import type { GitHubClient } from './github.js'
import { isRequestError } from './publish/errors.js'

/** A file of the repository as it is in commit `sha` (regular files only), read from git objects: in pull-request mode, the base's. */
export function readerAtCommit(workspace: string, sha: string): (path: string) => Promise<string | undefined> {
  return async (path) => {
    const entry = await git(workspace, ['ls-tree', '--full-tree', sha, '--', path])
    if (!entry.ok || !/^100(644|755) blob /.test(entry.stdout.toString('utf8'))) return undefined
    const blob = await git(workspace, ['cat-file', 'blob', `${sha}:${path}`])
    return blob.ok ? blob.stdout.toString('utf8') : undefined
  }
}

/** A file of the checkout, confined to it (full scans). */
export function readerInWorkspace(workspace: string): (path: string) => Promise<string | undefined> {
  const reader = createRepoReader(workspace)
  return async (path) => reader.readText(path)
}

/** A central rulebook in another repository, through the contents API with the Action's token (or the CLI's GITHUB_TOKEN). */
export function remoteReader(octokit: GitHubClient): (ref: RemoteRef) => Promise<string | undefined> {
  return async ({ owner, repo, path, ref }) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
      return Buffer.from(data.content, 'base64').toString('utf8')
    } catch (error) {
      if (isRequestError(error) && error.status === 404) return undefined
      throw error
    }
  }
}

/** The rulebook the run is judged by; a broken one is an error, never a fallback to defaults. */
export async function loadRunRulebook(spec: string, readFile: (path: string) => Promise<string | undefined>, octokit: GitHubClient | undefined): Promise<{ rulebook: LoadedRulebook } | { error: string }> {
  const loaded = await loadRulebook({ rulebook: spec || undefined, readFile, fetchRemote: octokit ? remoteReader(octokit) : undefined })
  if (!loaded.ok) return { error: `the rulebook is invalid:\n${loaded.errors.map(formatRulebookError).join('\n')}` }
  return { rulebook: loaded.rulebook }
}
