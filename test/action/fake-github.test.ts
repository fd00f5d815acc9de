import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { OpenApi } from '../e2e/github-server/openapi.js'
import { FakeGitHub } from '../e2e/github-server/server.js'

// The e2e tests trust "no violations" only if the fake really rejects what GitHub would.
let github: FakeGitHub
let url: string
beforeAll(async () => {
  github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
  url = await github.start()
})
afterAll(() => github.stop())

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, { method, headers: { authorization: 'token t', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })

describe('the fake GitHub', () => {
  test('an undocumented path or method is a 404 and a violation', async () => {
    expect((await call('GET', '/repos/acme/infra/pulls/1/nonsense')).status).toBe(404)
    expect((await call('DELETE', '/repos/acme/infra/check-runs/1')).status).toBe(404)
    expect(github.violations.splice(0)).toHaveLength(2)
  })

  test('a body, query or path parameter GitHub does not accept is a 422 and a violation', async () => {
    expect((await call('POST', '/repos/acme/infra/check-runs', { name: 'x', head_sha: 'a', conclusion: 'broken' })).status).toBe(422)
    expect((await call('POST', '/repos/acme/infra/check-runs', { name: 'x', head_sha: 'a', output: { title: 't', summary: 's', annotations: Array(51).fill({ path: 'a', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' }) } })).status).toBe(422)
    expect((await call('GET', '/repos/acme/infra/pulls/1/files?colour=red')).status).toBe(422)
    expect((await call('GET', '/repos/acme/infra/pulls/one/files')).status).toBe(422)
    expect(github.violations.splice(0).join('\n')).toMatch(/conclusion[\s\S]*annotations[\s\S]*colour[\s\S]*pull_number/)
  })

  test('a review comment off the diff is a 422, as on GitHub, and not a violation', async () => {
    github.addPull(3, [{ filename: 'a.tf', status: 'modified', patch: '@@ -1,1 +1,2 @@\n a\n+b\n', additions: 1, deletions: 0, changes: 1 }])
    const review = (line: number) => call('POST', '/repos/acme/infra/pulls/3/reviews', { commit_id: 'h', event: 'COMMENT', body: 'b', comments: [{ path: 'a.tf', line, side: 'RIGHT', body: 'x' }] })
    expect((await review(9)).status).toBe(422)
    expect((await review(2)).status).toBe(200)
    expect(github.violations).toEqual([])
  })
})
