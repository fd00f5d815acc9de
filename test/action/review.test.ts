import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createGitHubClient, type GitHubClient } from '../../src/action/github.js'
import { publishReview, type ReviewInput } from '../../src/action/publish/review.js'
import { linesOfPatch, type ChangedFile } from '../../src/sources/changed-files.js'
import { OpenApi } from '../e2e/github-server/openapi.js'
import { FakeGitHub } from '../e2e/github-server/server.js'
import { finding } from './helpers.js'

const PATCH = '@@ -1,2 +1,4 @@\n a\n+b\n+c\n d\n'
let github: FakeGitHub
let octokit: GitHubClient

beforeAll(async () => {
  github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
  octokit = createGitHubClient('ghs_test', await github.start(), () => {})
})
afterAll(() => github.stop())

function input(overrides: Partial<ReviewInput>): ReviewInput {
  const changed: ChangedFile = { path: 'main.tf', status: 'modified', ...linesOfPatch(PATCH) }
  return { pr: { owner: 'acme', repo: 'infra', number: 1 }, headSha: 'h'.repeat(40), added: [], current: [], changedFiles: new Map([['main.tf', changed]]), maxComments: 30, ruleFor: () => undefined, ...overrides }
}

describe('review comments', () => {
  test('on the diff up to max-comments, the rest to the summary with the reason; highest severity first', async () => {
    github.addPull(1, [{ filename: 'main.tf', status: 'modified', patch: PATCH, additions: 2, deletions: 0, changes: 2 }])
    const low = finding({ line: 2, severity: 'low', element: 'low' })
    const critical = finding({ line: 3, element: 'critical' })
    const outside = finding({ line: 40, element: 'outside' })
    const otherFile = finding({ file: 'other.tf', line: 1, element: 'other' })
    const added = [low, critical, outside, otherFile]
    const outcome = await publishReview(octokit, input({ added, current: added, maxComments: 1 }))
    expect(outcome.commented).toEqual([critical])
    expect(outcome.unplaced.map((u) => [u.finding.element, u.reason])).toEqual([
      ['outside', 'outside the diff'],
      ['other', 'outside the diff'],
      ['low', 'over max-comments'],
    ])
    expect(github.pulls.get(1)!.reviewComments.map((c) => [c.line, c.side])).toEqual([[3, 'RIGHT']])
    expect(github.violations).toEqual([])
  })

  test('a multi-line fix spans its lines with start_line; a second run neither repeats nor loses it; a vanished finding is marked fixed', async () => {
    github.addPull(2, [{ filename: 'main.tf', status: 'modified', patch: PATCH, additions: 2, deletions: 0, changes: 2 }])
    const fixable = finding({ line: 2, element: 'fixable', fix: { loc: { file: 'main.tf', startLine: 2, endLine: 3 }, replacement: 'B\nC\n' } })
    const other = finding({ line: 4, element: 'other' })
    const pr = { owner: 'acme', repo: 'infra', number: 2 }
    await publishReview(octokit, input({ pr, added: [fixable, other], current: [fixable, other] }))
    expect(github.pulls.get(2)!.reviewComments.map((c) => [c.start_line, c.line])).toEqual([[2, 3], [null, 4]])

    const again = await publishReview(octokit, input({ pr, added: [fixable], current: [fixable] }))
    expect(again).toMatchObject({ commented: [], alreadyCommented: [fixable], markedFixed: 1 })
    const comments = github.pulls.get(2)!.reviewComments
    expect(comments).toHaveLength(2)
    expect(comments[1]!.body).toMatch(/Fixed/)
    expect(comments[0]!.body).not.toMatch(/Fixed/)
    expect(github.violations).toEqual([])
  })

  test('a finding whose line is outside the diff goes on a related line that is in it (a module resource or call), saying where the value is', async () => {
    github.addPull(3, [{ filename: 'main.tf', status: 'modified', patch: PATCH, additions: 2, deletions: 0, changes: 2 }])
    const inModule = {
      ...finding({ file: 'modules/role/main.tf', line: 7, element: 'in-module' }),
      related: [
        { loc: { file: 'modules/role/main.tf', startLine: 1, endLine: 1 }, message: 'via module.roles → aws_iam_role.this' },
        { loc: { file: 'main.tf', startLine: 3, endLine: 3 }, message: 'module.roles is called here' },
      ],
    }
    const nowhere = { ...finding({ file: 'other.tf', line: 1, element: 'nowhere' }), related: [{ loc: { file: 'main.tf', startLine: 40, endLine: 40 }, message: 'elsewhere' }] }
    const outcome = await publishReview(octokit, input({ pr: { owner: 'acme', repo: 'infra', number: 3 }, added: [inModule, nowhere], current: [inModule, nowhere] }))
    expect(outcome.commented).toEqual([inModule])
    expect(outcome.unplaced.map((u) => u.finding.element)).toEqual(['nowhere'])
    const [comment] = github.pulls.get(3)!.reviewComments
    expect([comment!.path, comment!.line]).toEqual(['main.tf', 3])
    expect(comment!.body).toContain('module.roles is called here; the offending value is written at `modules/role/main.tf:7`.')
    expect(github.violations).toEqual([])
  })
})
