import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenApi } from '../e2e/github-server/openapi.js'
import { FakeGitHub } from '../e2e/github-server/server.js'
import { CLI } from '../helpers/cli.js'
import { TRAIL_WITHOUT_VALIDATION, tempRepo } from './temp-repo.js'

/*
 * `--rulebook owner/repo/path@ref` on the command line, read with GITHUB_TOKEN from the fake GitHub API
 * on 127.0.0.1 (GITHUB_API_URL), through the same reader as the Action's. The CLI runs as a child
 * process without blocking this one, which serves the API.
 */

function runCliAsync(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => out.push(c))
  child.stderr.on('data', (c: Buffer) => err.push(c))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })))
}

describe('a central rulebook from the command line (bundled CLI)', () => {
  let github: FakeGitHub
  let apiUrl: string
  let repo: string
  beforeAll(async () => {
    github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
    apiUrl = await github.start()
    github.contents.set('acme/policies/org/policygate.yml@v2', 'extends: policygate:recommended\nrules:\n  trail/log-validation-disabled: critical\n')
    repo = tempRepo({ 'main.tf': TRAIL_WITHOUT_VALIDATION })
  })
  afterAll(async () => {
    await github.stop()
    rmSync(repo, { recursive: true, force: true })
  })

  it('reads owner/repo/path@ref through the contents API with GITHUB_TOKEN and GITHUB_API_URL', async () => {
    const run = await runCliAsync(['scan', '.', '--rulebook', 'acme/policies/org/policygate.yml@v2', '--format', 'json', '--fail-on', 'critical'], repo, { GITHUB_TOKEN: 'ghp_fake_token_for_tests', GITHUB_API_URL: apiUrl })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { rulebook: string; findings: { ruleId: string; severity: string }[] }
    expect(report.rulebook).toContain('acme/policies/org/policygate.yml@v2')
    expect(report.findings.find((f) => f.ruleId === 'trail/log-validation-disabled')?.severity).toBe('critical')
    expect(github.violations).toEqual([])
    expect(github.requests.filter((r) => r.operationId === 'repos/get-content' && decodeURIComponent(r.path) === '/repos/acme/policies/contents/org/policygate.yml').length).toBe(1)
    // `rulebook show` reads it the same way.
    const shown = await runCliAsync(['rulebook', 'show', '--rulebook', 'acme/policies/org/policygate.yml@v2'], repo, { GITHUB_TOKEN: 'ghp_fake_token_for_tests', GITHUB_API_URL: apiUrl })
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('acme/policies/org/policygate.yml@v2')
  })

  it('without GITHUB_TOKEN: exit 2 and an error that says what to set, and nothing is scanned', async () => {
    const run = await runCliAsync(['scan', '.', '--rulebook', 'acme/policies/org/policygate.yml@v2'], repo, { GITHUB_TOKEN: '', GITHUB_API_URL: apiUrl })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('set GITHUB_TOKEN to a token that can read acme/policies')
  })

  it('a rulebook that is not there is an error naming it', async () => {
    const run = await runCliAsync(['scan', '.', '--rulebook', 'acme/policies/missing.yml@v2'], repo, { GITHUB_TOKEN: 'ghp_fake_token_for_tests', GITHUB_API_URL: apiUrl })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('acme/policies/missing.yml@v2')
  })
})
