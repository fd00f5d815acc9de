import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { changedFilesFromGit, ensureCommit, hasCommit, materialiseCommit, mergeBase } from '../../src/sources/git-diff.js'
import { sh } from '../e2e/github-server/harness.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function repoWithTwoCommits() {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-git-'))
  dirs.push(dir)
  sh(dir, ['init', '-q', '-b', 'main'])
  mkdirSync(join(dir, 'mod'))
  writeFileSync(join(dir, 'mod/main.tf'), 'a\nb\nc\n')
  writeFileSync(join(dir, 'old.yaml'), 'x: 1\ny: 2\n')
  writeFileSync(join(dir, 'gone.json'), '{}\n')
  sh(dir, ['add', '-A'])
  sh(dir, ['commit', '-q', '-m', 'base'])
  const base = sh(dir, ['rev-parse', 'HEAD'])
  writeFileSync(join(dir, 'mod/main.tf'), 'a\nB\nc\nd\n')
  sh(dir, ['mv', 'old.yaml', 'new.yaml'])
  sh(dir, ['rm', '-q', 'gone.json'])
  writeFileSync(join(dir, 'mod/added.tf'), 'z\n')
  symlinkSync('/etc/passwd', join(dir, 'mod/link.tf'))
  sh(dir, ['add', '-A'])
  sh(dir, ['commit', '-q', '-m', 'head'])
  return { dir, base, head: sh(dir, ['rev-parse', 'HEAD']) }
}

describe('changes from git', () => {
  test('added, modified, renamed and removed files with head-side lines', async () => {
    const { dir, base, head } = repoWithTwoCommits()
    const files = await changedFilesFromGit(dir, base, head)
    if ('error' in files) throw new Error(files.error)
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]))
    expect(byPath['mod/main.tf']).toMatchObject({ status: 'modified', addedLines: [{ start: 2, end: 2 }, { start: 4, end: 4 }], hunks: [{ start: 1, end: 4 }] })
    expect(byPath['mod/added.tf']).toMatchObject({ status: 'added', addedLines: [{ start: 1, end: 1 }] })
    expect(byPath['new.yaml']).toMatchObject({ status: 'renamed', previousPath: 'old.yaml' })
    expect(byPath['gone.json']).toMatchObject({ status: 'removed' })
    expect(await mergeBase(dir, base, head)).toBe(base)
  })

  test('a commit is written from git objects: regular files only, nothing checked out', async () => {
    const { dir, head } = repoWithTwoCommits()
    const out = mkdtempSync(join(tmpdir(), 'policygate-out-'))
    dirs.push(out)
    const written = await materialiseCommit(dir, head, ['mod', 'new.yaml', 'missing.yaml'], out)
    expect(written).toEqual({ files: ['mod/added.tf', 'mod/main.tf', 'new.yaml'] })
    expect(readFileSync(join(out, 'mod/main.tf'), 'utf8')).toBe('a\nB\nc\nd\n')
    expect(readdirSync(join(out, 'mod')).sort()).toEqual(['added.tf', 'main.tf'])
  })

  test('a shallow checkout fetches a missing commit from origin', async () => {
    const { dir, base, head } = repoWithTwoCommits()
    sh(dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true'])
    const clone = mkdtempSync(join(tmpdir(), 'policygate-clone-'))
    dirs.push(clone)
    sh(clone, ['init', '-q'])
    sh(clone, ['remote', 'add', 'origin', `file://${dir}`])
    sh(clone, ['fetch', '-q', '--depth=1', 'origin', head])
    expect(await hasCommit(clone, base)).toBe(false)
    expect(await ensureCommit(clone, base)).toEqual({ ok: true })
    expect(await hasCommit(clone, base)).toBe(true)
    const unknown = await ensureCommit(clone, 'f'.repeat(40))
    expect(unknown.ok).toBe(false)
  })
})
