import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createGitHubClient } from '../../src/action/github.js'
import { publishCheckRun } from '../../src/action/publish/check-run.js'
import { toAnnotation } from '../../src/report/github/annotations.js'
import { OpenApi } from '../e2e/github-server/openapi.js'
import { FakeGitHub } from '../e2e/github-server/server.js'
import { finding } from './helpers.js'

let github: FakeGitHub
let apiUrl: string
beforeAll(async () => {
  github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
  apiUrl = await github.start()
})
afterAll(() => github.stop())

describe('the check run', () => {
  test('120 annotations go out 50 at a time, failures first: one create and two updates, none lost', async () => {
    const annotations = Array.from({ length: 120 }, (_, i) => toAnnotation(finding({ line: i + 1, element: `S${i}`, severity: i % 3 === 0 ? 'medium' : 'critical' })))
    const octokit = createGitHubClient('ghs_test', apiUrl, () => {})
    await publishCheckRun(octokit, { owner: 'acme', repo: 'infra', headSha: 'h'.repeat(40), conclusion: 'failure', title: 't', summary: 's', annotations })
    expect(github.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(['checks/create 201', 'checks/update 200', 'checks/update 200'])
    expect(github.checkRuns).toHaveLength(1)
    const failuresFirst = [...annotations.filter((a) => a.annotation_level === 'failure'), ...annotations.filter((a) => a.annotation_level === 'warning')]
    expect(github.checkRuns[0]!.output.annotations.map((a) => a.start_line)).toEqual(failuresFirst.map((a) => a.start_line))
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure', status: 'completed' })
    expect(github.violations).toEqual([])
  })
})
