import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import parseDiff from 'parse-diff'
import { linesOfChunks, type ChangedFile } from './changed-files.js'

export interface GitResult {
  ok: boolean
  stdout: Buffer
  stderr: string
}

/** Runs git in `root` with hooks and pagers out of the way; never throws, the caller decides. */
export function git(root: string, args: string[], input?: Buffer): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args], {
      cwd: root,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => resolve({ ok: false, stdout: Buffer.alloc(0), stderr: error.message }))
    child.on('close', (code) => resolve({ ok: code === 0, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }))
    child.stdin.end(input)
  })
}

export async function hasCommit(root: string, sha: string): Promise<boolean> {
  return (await git(root, ['cat-file', '-e', `${sha}^{commit}`])).ok
}

/** Makes `sha` available in a (possibly shallow) checkout by fetching just that commit from origin. */
export async function ensureCommit(root: string, sha: string): Promise<{ ok: true } | { ok: false; error: string }> {
  if (await hasCommit(root, sha)) return { ok: true }
  const fetched = await git(root, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha])
  if (fetched.ok && (await hasCommit(root, sha))) return { ok: true }
  return { ok: false, error: `git fetch of ${sha} failed: ${fetched.stderr.trim()}` }
}

/** Where the branch forked from its base, when history allows; a pull request's diff is taken from there. */
export async function mergeBase(root: string, baseSha: string, headSha: string): Promise<string | undefined> {
  const result = await git(root, ['merge-base', baseSha, headSha])
  return result.ok ? result.stdout.toString('utf8').trim() : undefined
}

/** Changed files and head-side lines between two commits, as `git diff` sees them (renames detected). */
export async function changedFilesFromGit(root: string, baseSha: string, headSha: string): Promise<ChangedFile[] | { error: string }> {
  const diff = await git(root, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '-U3', baseSha, headSha])
  if (!diff.ok) return { error: `git diff failed: ${diff.stderr.trim()}` }
  return parseDiff(diff.stdout.toString('utf8')).map(toChangedFile)
}

function toChangedFile(file: parseDiff.File): ChangedFile {
  const path = file.deleted ? stripPrefix(file.from) : stripPrefix(file.to)
  const previousPath = stripPrefix(file.from)
  const { addedLines, hunks } = linesOfChunks(file.chunks)
  const status = file.new ? 'added' : file.deleted ? 'removed' : previousPath !== path ? 'renamed' : 'modified'
  return { path, previousPath: status === 'renamed' ? previousPath : undefined, status, addedLines, hunks }
}

function stripPrefix(path: string | undefined): string {
  if (!path || path === '/dev/null') return ''
  return path.replace(/^[ab]\//, '')
}

const BLOB_MODES = new Set(['100644', '100755'])

/**
 * Writes the regular files under `paths` as they are in commit `sha` into `dest`, from git's object
 * store: nothing is checked out and nothing from the commit runs; symlinks and submodules are skipped.
 */
export async function materialiseCommit(root: string, sha: string, paths: string[], dest: string): Promise<{ files: string[] } | { error: string }> {
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...paths])
  if (!listing.ok) return { error: `git ls-tree ${sha} failed: ${listing.stderr.trim()}` }
  const blobs: { oid: string; path: string }[] = []
  for (const entry of listing.stdout.toString('utf8').split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(entry)
    if (match && BLOB_MODES.has(match[1]!)) blobs.push({ oid: match[2]!, path: match[3]! })
  }
  if (blobs.length === 0) return { files: [] }
  const contents = await git(root, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.oid).join('\n') + '\n'))
  if (!contents.ok) return { error: `git cat-file failed: ${contents.stderr.trim()}` }
  let offset = 0
  for (const blob of blobs) {
    const headerEnd = contents.stdout.indexOf(0x0a, offset)
    const size = Number(contents.stdout.subarray(offset, headerEnd).toString('utf8').split(' ')[2])
    const body = contents.stdout.subarray(headerEnd + 1, headerEnd + 1 + size)
    offset = headerEnd + 1 + size + 1
    const target = join(dest, blob.path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, body)
  }
  return { files: blobs.map((b) => b.path) }
}
