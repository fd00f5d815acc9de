import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { PUBLIC_ROLE, TRAIL_WITHOUT_VALIDATION } from '../cli/temp-repo.js'
import { buildAction, createRepo, pullFilesOf, pullRequestEvent, runAction } from './github-server/harness.js'
import { OpenApi } from './github-server/openapi.js'
import { FakeGitHub } from './github-server/server.js'

/*
 * The bundled Action's full-repository mode with the `baseline` and `skip-paths` inputs, against the
 * fake GitHub API: a baseline written by the CLI hides what it records, a path left out is never parsed.
 */

let actionJs: string
let cleanupBuild: () => void
let api: OpenApi
beforeAll(() => {
  api = new OpenApi()
  const built = buildAction()
  actionJs = built.actionJs
  cleanupBuild = built.cleanup
})
afterAll(() => cleanupBuild?.())

const BROKEN = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = {\n}\n'

async function dispatch(files: Record<string, string>, inputs: Record<string, string>, prepare?: (workspace: string) => void) {
  const repo = createRepo(files, { 'README.md': '# infra\n' })
  const github = new FakeGitHub(api, 'acme', 'infra')
  const apiUrl = await github.start()
  try {
    prepare?.(repo.workspace)
    const run = await runAction({
      actionJs,
      workspace: repo.workspace,
      apiUrl,
      eventName: 'workflow_dispatch',
      event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: 'acme/infra' }, sender: { login: 'octocat' } },
      sha: repo.mergeSha,
      repository: 'acme/infra',
      inputs,
    })
    expect(github.violations).toEqual([])
    return run
  } finally {
    await github.stop()
    repo.cleanup()
  }
}

describe('the bundled Action on workflow_dispatch with a baseline and skip-paths', () => {
  test('findings the baseline records do not gate; the summary says how many entries are gone; skipped paths are not parsed', async () => {
    const files = { 'infra/role.tf': PUBLIC_ROLE, 'infra/trail.tf': TRAIL_WITHOUT_VALIDATION, 'vendor/broken.tf': BROKEN }
    const without = await dispatch(files, { 'fail-on': 'high' })
    expect(without.code).toBe(1)
    expect(without.report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('policygate/parse-error')

    const run = await dispatch(files, { 'fail-on': 'high', baseline: 'baseline.json', 'skip-paths': 'vendor/**' }, (workspace) => {
      // The baseline as a team writes it today, plus one entry for a finding already fixed.
      const written = runCli(['scan', '.', '--write-baseline', join(workspace, 'baseline.json'), '--fail-on', 'none', '--skip-path', 'vendor/**'], { cwd: workspace })
      expect(written.code, written.stderr).toBe(0)
      const baseline = JSON.parse(readFileSync(join(workspace, 'baseline.json'), 'utf8'))
      baseline.entries.push({ fingerprint: '0'.repeat(32), ruleId: 'iam/full-admin', file: 'gone.tf' })
      writeFileSync(join(workspace, 'baseline.json'), JSON.stringify(baseline))
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.conclusion).toBe('success')
    expect(run.outputs.findings).toBe('0')
    expect(run.report.files).not.toContain('vendor/broken.tf')
    expect(run.summary).toContain('1 baseline entry is gone')
    expect(run.summary).toMatch(/Baseline baseline\.json: [1-9]\d* known finding\(s\) not reported/)
  })

  test('a baseline input naming no file is a configuration error (exit 2)', async () => {
    const run = await dispatch({ 'main.tf': TRAIL_WITHOUT_VALIDATION }, { baseline: 'missing.json' })
    expect(run.code).toBe(2)
    expect(run.stdout).toContain('missing.json')
  })
})

describe('the bundled Action on a pull request with ignore rules', () => {
  test("the base commit's .policygateignore and the skip-paths input leave changed files unparsed", async () => {
    const base = { '.policygateignore': 'vendor/\n', 'README.md': '# infra\n' }
    const head = { 'vendor/broken.tf': BROKEN, 'generated/broken.tf': BROKEN, 'infra/trail.tf': TRAIL_WITHOUT_VALIDATION }
    const repo = createRepo(base, head)
    const github = new FakeGitHub(api, 'acme', 'infra')
    const apiUrl = await github.start()
    try {
      github.addPull(7, pullFilesOf(repo, repo.baseSha, repo.headSha))
      const run = await runAction({
        actionJs,
        workspace: repo.workspace,
        apiUrl,
        eventName: 'pull_request',
        event: pullRequestEvent({ owner: 'acme', repo: 'infra', number: 7, baseSha: repo.baseSha, headSha: repo.headSha }),
        sha: repo.mergeSha,
        repository: 'acme/infra',
        inputs: { 'fail-on': 'medium', 'skip-paths': 'generated/**' },
      })
      expect(github.violations).toEqual([])
      const files = new Set(run.report.findings.map((f: { loc: { file: string } }) => f.loc.file))
      expect([...files]).toEqual(['infra/trail.tf'])
      expect(run.report.findings.some((f: { ruleId: string }) => f.ruleId === 'policygate/parse-error')).toBe(false)
    } finally {
      await github.stop()
      repo.cleanup()
    }
  })
})
