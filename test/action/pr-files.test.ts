import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createGitHubClient, type GitHubClient } from '../../src/action/github.js'
import { changedFilesFromPr } from '../../src/sources/pr-files.js'
import { OpenApi } from '../e2e/github-server/openapi.js'
import { FakeGitHub, type PullFile } from '../e2e/github-server/server.js'

let github: FakeGitHub
let octokit: GitHubClient
beforeAll(async () => {
  github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
  octokit = createGitHubClient('ghs_test', await github.start(), () => {})
})
afterAll(() => github.stop())

const file = (i: number): PullFile => ({ filename: `f${i}.tf`, status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b\n', additions: 1, deletions: 1, changes: 2 })

describe('the pull request files API', () => {
  test('every page is read; lines come from each patch; a file without a patch is named for git diff', async () => {
    github.addPull(1, [...Array.from({ length: 230 }, (_, i) => file(i)), { filename: 'f230.tf', status: 'modified', additions: 9000, deletions: 0, changes: 9000 }, { filename: 'gone.tf', status: 'removed', additions: 0, deletions: 3, changes: 3 }])
    const listed = await changedFilesFromPr(octokit, { owner: 'acme', repo: 'infra', number: 1 })
    expect(listed.files).toHaveLength(232)
    expect(listed.files[0]).toEqual({ path: 'f0.tf', status: 'modified', addedLines: [{ start: 1, end: 1 }], hunks: [{ start: 1, end: 1 }] })
    expect(listed).toMatchObject({ capped: false, withoutPatch: ['f230.tf'] })
    expect(github.requests.filter((r) => r.operationId === 'pulls/list-files')).toHaveLength(3)
  })

  test('3,000 files is GitHub\'s cap: the list is marked incomplete so git diff takes over', async () => {
    github.addPull(2, Array.from({ length: 3000 }, (_, i) => file(i)))
    expect((await changedFilesFromPr(octokit, { owner: 'acme', repo: 'infra', number: 2 })).capped).toBe(true)
    expect(github.violations).toEqual([])
  })
})
