import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { getOctokit } from '@actions/github'

type Octokit = ReturnType<typeof getOctokit>

export interface RepoAtCommit {
  owner: string
  repo: string
  sha: string
}

/** Directories deeper than this under a requested path are not walked: a module's own files are near it. */
const MAX_DEPTH = 6

/**
 * The last resort when git cannot provide a commit (no checkout, fetch refused): the regular files
 * under `paths` at `sha`, written into `dest` through the contents API. Missing paths are skipped.
 */
export async function materialiseFromApi(octokit: Octokit, at: RepoAtCommit, paths: string[], dest: string): Promise<{ files: string[] } | { error: string }> {
  const files: string[] = []
  const visit = async (path: string, depth: number): Promise<void> => {
    const entry = await getContent(octokit, at, path)
    if (entry === undefined) return
    if (Array.isArray(entry)) {
      if (depth >= MAX_DEPTH) return
      for (const child of entry) if (child.type === 'file' || child.type === 'dir') await visit(child.path, depth + 1)
      return
    }
    if (entry.type !== 'file' || !('content' in entry)) return
    const target = join(dest, entry.path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, Buffer.from(entry.content, 'base64'))
    files.push(entry.path)
  }
  try {
    for (const path of paths) await visit(path === '.' ? '' : path, 0)
  } catch (error) {
    return { error: `reading ${at.sha} through the contents API failed: ${error instanceof Error ? error.message : String(error)}` }
  }
  return { files: files.sort() }
}

/** One file's text at a commit through the contents API, or undefined when it is not a file there. */
export async function readFileFromApi(octokit: Octokit, at: RepoAtCommit, path: string): Promise<string | undefined> {
  const entry = await getContent(octokit, at, path)
  if (entry === undefined || Array.isArray(entry) || entry.type !== 'file' || !('content' in entry)) return undefined
  return Buffer.from(entry.content, 'base64').toString('utf8')
}

async function getContent(octokit: Octokit, at: RepoAtCommit, path: string) {
  try {
    return (await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path, ref: at.sha })).data
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    throw error
  }
}
