import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { publishAfterFailure, type RunProgress } from '../../src/action/guard.js'
import type { GitHubClient } from '../../src/action/github.js'
import type { ScanResult } from '../../src/scan.js'
import { finding } from './helpers.js'

let dir: string
const saved = { summary: process.env.GITHUB_STEP_SUMMARY, output: process.env.GITHUB_OUTPUT }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policygate-guard-'))
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
  writeFileSync(process.env.GITHUB_OUTPUT, '')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  process.env.GITHUB_STEP_SUMMARY = saved.summary
  process.env.GITHUB_OUTPUT = saved.output
  process.exitCode = 0
})

function fakeOctokit() {
  const create = vi.fn(async (_request: Record<string, unknown>) => ({ data: { id: 7, html_url: '' } }))
  const update = vi.fn(async (_request: Record<string, unknown>) => ({ data: {} }))
  return { octokit: { rest: { checks: { create, update } } } as unknown as GitHubClient, create, update }
}

const admin = finding()
const head = { root: '/tmp/x', files: ['main.tf'], findings: [admin], rulebookSource: 'default', judgedAt: new Date() } as unknown as ScanResult

describe('publishAfterFailure', () => {
  test('before a check run exists: creates it failed with the findings as annotations, writes summary and SARIF, exits 2', async () => {
    const { octokit, create, update } = fakeOctokit()
    const progress: RunProgress = { found: { head, current: [admin], headSha: 'abc123' } }
    const written = new Map<string, string>()
    await publishAfterFailure({ progress, octokit, repository: { owner: 'acme', repo: 'infra' }, workspace: dir, sarifPaths: [join(dir, 'out.sarif')], writeText: async (path, text) => void written.set(path, text) }, new Error('boom'))
    expect(process.exitCode).toBe(2)
    expect(update).not.toHaveBeenCalled()
    expect(create).toHaveBeenCalledTimes(1)
    expect(create.mock.calls[0]![0]).toMatchObject({ head_sha: 'abc123', conclusion: 'failure', status: 'completed', output: { annotations: [expect.objectContaining({ path: 'main.tf', title: 'iam/full-admin (critical)' })] } })
    expect(JSON.parse(written.get(join(dir, 'out.sarif'))!).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['iam/full-admin'])
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain('policygate: stopped early')
    expect(summary).toContain('stopped before it finished (Error: boom)')
  })

  test('with nothing found yet it only fails the step, as an internal error', async () => {
    const { octokit, create } = fakeOctokit()
    await publishAfterFailure({ progress: {}, octokit, repository: { owner: 'acme', repo: 'infra' }, workspace: dir, sarifPaths: [], writeText: async () => {} }, new Error('early'))
    expect(create).not.toHaveBeenCalled()
    expect(process.exitCode).toBe(2)
  })
})
