import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { planRun } from '../../src/action/event.js'
import type { RunnerEnv, ScanScope } from '../../src/action/inputs.js'
import { pullRequestEvent } from '../e2e/github-server/harness.js'

const dir = mkdtempSync(join(tmpdir(), 'policygate-event-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function plan(eventName: string, payload: unknown, scan: ScanScope = 'auto') {
  const eventPath = join(dir, `${eventName}.json`)
  writeFileSync(eventPath, JSON.stringify(payload))
  const env: RunnerEnv = { workspace: dir, eventName, eventPath, repository: { owner: 'acme', repo: 'infra' }, sha: 'merge', apiUrl: '', serverUrl: '', tempDir: dir }
  const planned = await planRun(env, scan)
  if (!planned.ok) throw new Error(planned.error)
  return planned.value
}

describe('what a run scans', () => {
  const pr = pullRequestEvent({ owner: 'acme', repo: 'infra', number: 5, baseSha: 'base', headSha: 'head' })

  test('pull_request: the change, head against base, on the head commit (not the merge commit)', async () => {
    expect(await plan('pull_request', pr)).toEqual({ kind: 'change', baseSha: 'base', headSha: 'head', pr: { owner: 'acme', repo: 'infra', number: 5, fromFork: false } })
    const fork = pullRequestEvent({ owner: 'acme', repo: 'infra', number: 5, baseSha: 'base', headSha: 'head', fork: true })
    expect(await plan('pull_request_target', fork)).toMatchObject({ kind: 'change', pr: { fromFork: true } })
  })

  test('merge_group: the change without a pull request to comment on', async () => {
    expect(await plan('merge_group', { merge_group: { base_sha: 'b', head_sha: 'h' } })).toEqual({ kind: 'change', baseSha: 'b', headSha: 'h' })
  })

  test('scan: full on a pull request scans everything and checks the head commit', async () => {
    expect(await plan('pull_request', pr, 'full')).toEqual({ kind: 'full', sha: 'head' })
  })

  test('push, dispatch and schedule scan everything unless push asks for the change', async () => {
    expect(await plan('push', { before: 'p', after: 'q' })).toEqual({ kind: 'full', sha: 'merge' })
    expect(await plan('push', { before: 'p', after: 'q' }, 'changed')).toEqual({ kind: 'change', baseSha: 'p', headSha: 'q' })
    expect(await plan('push', { before: '0000000000000000000000000000000000000000', after: 'q' }, 'changed')).toMatchObject({ kind: 'full' })
    expect(await plan('workflow_dispatch', { inputs: {} })).toEqual({ kind: 'full', sha: 'merge' })
    expect(await plan('schedule', { schedule: '0 3 * * *' }, 'changed')).toMatchObject({ kind: 'full', note: expect.stringMatching(/no base commit/) })
  })
})
