import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { load } from 'js-yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, REPO } from '../helpers/cli.js'
import { PUBLIC_ROLE, TRAIL_WITHOUT_VALIDATION, tempRepo } from './temp-repo.js'

/*
 * The hook as pre-commit runs it: the staged files (added, copied, modified, renamed) that match the
 * hook's `files` pattern are appended to its `entry`, run from the repository root with the installed
 * `policygate` command on PATH; a non-zero exit fails the commit.
 */

interface Hook {
  id: string
  entry: string
  language: string
  files: string
  pass_filenames: boolean
}

const [hook] = load(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]

let bin: string
beforeAll(() => {
  // What `language: node` installs: a `policygate` command on PATH (here a shim to the bundle).
  bin = mkdtempSync(join(tmpdir(), 'policygate-bin-'))
  writeFileSync(join(bin, 'policygate'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  chmodSync(join(bin, 'policygate'), 0o755)
})
afterAll(() => rmSync(bin, { recursive: true, force: true }))

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } })
}

/** Stages `staged` over a committed `committed` tree, then runs the hook on the staged files as pre-commit would. */
function runHook(committed: Record<string, string>, staged: Record<string, string>) {
  const dir = tempRepo(committed)
  try {
    git(dir, ['init', '-q'])
    git(dir, ['add', '-A'])
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'base'])
    for (const [path, text] of Object.entries(staged)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    git(dir, ['add', '-A'])
    const files = git(dir, ['diff', '--staged', '--name-only', '--diff-filter=ACMRT', '-z']).split('\0').filter(Boolean)
    const matching = files.filter((f) => new RegExp(hook!.files).test(f))
    if (matching.length === 0) return { ran: false, files: matching, code: 0, stdout: '' }
    const [command, ...args] = hook!.entry.split(/\s+/)
    const run = spawnSync(command!, [...args, ...(hook!.pass_filenames ? matching : [])], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, NO_COLOR: '1' } })
    return { ran: true, files: matching, code: run.status, stdout: run.stdout + run.stderr }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('is a node hook named policygate that runs `policygate scan` on the files it is given', () => {
    expect(hook).toMatchObject({ id: 'policygate', language: 'node', pass_filenames: true })
    expect(hook!.entry.split(/\s+/).slice(0, 2)).toEqual(['policygate', 'scan'])
  })

  it('fails the commit for a staged file with a finding at high or above, naming it; the committed files are not scanned', () => {
    const result = runHook({ 'old/trail.tf': TRAIL_WITHOUT_VALIDATION, 'README.md': '# x\n' }, { 'iam/role.tf': PUBLIC_ROLE, 'notes.txt': 'x' })
    expect(result.files).toEqual(['iam/role.tf'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('iam/role.tf')
    expect(result.stdout).toContain('iam/trust-public')
    expect(result.stdout).not.toContain('old/trail.tf')
  })

  it('lets the commit through when the staged files have nothing at high or above', () => {
    const template = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n'
    const trail = TRAIL_WITHOUT_VALIDATION.replace('}\n', '  is_multi_region_trail = true\n}\n')
    const result = runHook({ 'iam/role.tf': PUBLIC_ROLE }, { 'trail.tf': trail, 'cfn/queue.yaml': template, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' })
    expect(result.files.sort()).toEqual(['.github/workflows/ci.yml', 'cfn/queue.yaml', 'trail.tf'])
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining('trail/log-validation-disabled')])
  })

  it('does not run when nothing staged can hold Terraform or CloudFormation', () => {
    expect(runHook({}, { 'src/app.py': 'print(1)\n' }).ran).toBe(false)
  })
})
