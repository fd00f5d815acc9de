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

  test('findings on one line share one comment, most severe first, with one suggestion; a fixed one is struck out of it, a new one joins it', async () => {
    github.addPull(3, [{ filename: 'main.tf', status: 'modified', patch: PATCH, additions: 2, deletions: 0, changes: 2 }])
    const pr = { owner: 'acme', repo: 'infra', number: 3 }
    const fixOf = (text: string) => ({ loc: { file: 'main.tf', startLine: 2, endLine: 2 }, replacement: `${text}\n` })
    const medium = finding({ line: 2, severity: 'medium', ruleId: 'iam/data-exfiltration', title: 'Reads', element: 'm', fix: fixOf('medium') })
    const high = finding({ line: 2, severity: 'high', ruleId: 'iam/service-wildcard-action', title: 'Wildcard', element: 'h', fix: fixOf('high') })
    const low = finding({ line: 2, severity: 'low', ruleId: 'iam/resource-mismatch', title: 'Mismatch', element: 'l' })
    const first = await publishReview(octokit, input({ pr, added: [low, medium, high], current: [low, medium, high] }))
    expect(first.commented).toHaveLength(3)
    const comments = github.pulls.get(3)!.reviewComments
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toMatch(/^\*\*3 findings on this line\*\* \(1 high, 1 medium, 1 low\)/)
    const order = ['iam/service-wildcard-action', 'iam/data-exfiltration', 'iam/resource-mismatch'].map((id) => body.indexOf(id))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(body.match(/```suggestion/g)).toHaveLength(1)
    expect(body).toContain('```suggestion\nhigh\n```')
    expect(body.match(/policygate:fp=/g)).toHaveLength(3)

    const fixedOne = await publishReview(octokit, input({ pr, added: [low, high], current: [low, high] }))
    expect(fixedOne).toMatchObject({ commented: [], markedFixed: 1 })
    expect(fixedOne.alreadyCommented).toHaveLength(2)
    expect(comments).toHaveLength(1)
    const edited = comments[0]!.body
    expect(edited).toMatch(/^\*\*2 findings on this line\*\*/)
    expect(edited).toMatch(/✅ \*\*Fixed\*\* in hhhhhhh: ~~.*Reads.*~~/)
    expect(edited.match(/policygate:fp=/g)).toHaveLength(2)
    expect(edited).toContain('```suggestion\nhigh\n```')

    const joining = finding({ line: 2, severity: 'critical', ruleId: 'iam/full-admin', element: 'c' })
    const joined = await publishReview(octokit, input({ pr, added: [low, high, joining], current: [low, high, joining] }))
    expect(joined.commented).toEqual([joining])
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toMatch(/^\*\*3 findings on this line\*\* \(1 critical, 1 high, 1 low\)/)
    expect(comments[0]!.body).toMatch(/✅ \*\*Fixed\*\*.*Reads/)
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

describe('one comment per line, many findings', () => {
  test('past GitHub\'s size the least severe findings keep one line each and every marker', async () => {
    const { placeCommentBody } = await import('../../src/report/github/place-comment.js')
    const many = Array.from({ length: 30 }, (_, i) => finding({ line: 2, severity: i < 3 ? 'critical' : 'low', element: `e${i}`, message: `${'x'.repeat(3000)} ${i}` }))
    const rule = { id: 'iam/full-admin', why: 'w'.repeat(1500), fix: 'f'.repeat(1500) } as never
    const body = placeCommentBody(many, () => rule)
    expect(body.length).toBeLessThanOrEqual(60_000)
    expect(body.match(/policygate:fp=/g)).toHaveLength(30)
    expect(body.match(/\*\*Why:\*\*/g)!.length).toBeGreaterThanOrEqual(3)
  })
})
