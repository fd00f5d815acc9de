import { describe, expect, test } from 'vitest'
import { fingerprintOf, isMarkedFixed, markFixed } from '../../src/report/github/markers.js'
import { reviewCommentBody } from '../../src/report/github/review-comment.js'
import { changeReportMarkdown, type ChangeReport } from '../../src/report/github/pr-summary.js'
import { changeCheckTitle, fullScanCheckTitle } from '../../src/report/github/check-title.js'
import { reviewBody } from '../../src/action/publish/review.js'
import { toMarkdown } from '../../src/report/markdown.js'
import { finding } from './helpers.js'

describe('review comment bodies', () => {
  test('severity, rule link, what/why/fix and the hidden fingerprint', () => {
    const f = finding()
    const body = reviewCommentBody(f, { why: 'Because.', fix: 'Do less.' } as never, false)
    expect(body).toMatch(/critical/)
    expect(body).toContain('(https://github.com/policygate/policygate/blob/main/docs/rules/iam/full-admin.md)')
    expect(body).toContain('**Why:** Because.')
    expect(body).toContain('**Fix:** Do less.')
    expect(fingerprintOf(body)).toBe(f.fingerprint)
    expect(body).not.toContain('suggestion')
  })

  test('scannable: severity, title and rule on the first line, what is wrong next, why and fix folded, a long message continued in the fold', () => {
    const long = `Grants ${'s3:PutObject, '.repeat(60)}and more`
    const body = reviewCommentBody(finding({ message: long }), { why: 'Because.', fix: 'Do less.' } as never, false)
    const [first, , what] = body.split('\n')
    expect(first).toBe('🟥 **critical** · **Full admin** · [`iam/full-admin`](https://github.com/policygate/policygate/blob/main/docs/rules/iam/full-admin.md)')
    expect(what!.length).toBeLessThan(340)
    expect(what).toMatch(/…\s\(`aws_iam_policy\.app`\)$/)
    const fold = body.slice(body.indexOf('<details>'), body.indexOf('</details>'))
    expect(fold).toContain('<summary>Full finding, why it matters and how to fix</summary>')
    expect(fold).toContain(long)
    expect(fold).toContain('**Why:** Because.')
    expect(body.indexOf('**Fix:**')).toBeGreaterThan(body.indexOf('<details>'))
  })

  test('a suggested change stays outside the fold, where GitHub offers to commit it', () => {
    const f = finding({ fix: { loc: { file: 'main.tf', startLine: 1, endLine: 1 }, replacement: '  x = true\n', description: 'Turn it on' } })
    const body = reviewCommentBody(f, { why: 'Because.', fix: 'Do less.' } as never, true)
    expect(body.indexOf('```suggestion\n  x = true\n```')).toBeLessThan(body.indexOf('<details>'))
    expect(body).toContain('Turn it on\n\n```suggestion')
  })

  test('a custom rule from a rulebook has no page under docs/rules: its ID is not a dead link', () => {
    const body = reviewCommentBody(finding({ ruleId: 'acme/no-public-buckets' }), undefined, false)
    expect(body).toContain('`acme/no-public-buckets`')
    expect(body).not.toContain('docs/rules/acme')
    expect(body).not.toContain('<details>')
  })

  test('the review says how many new findings and how severe, and when some have no comment in it', () => {
    const added = [finding(), finding({ severity: 'high', line: 2 }), finding({ severity: 'high', line: 3 })]
    expect(reviewBody(added, 3)).toMatch(/^\*\*policygate:\*\* 3 new findings on this change \(1 critical, 2 high\)\. /)
    expect(reviewBody(added, 1)).toContain('(1 critical, 2 high); 1 of them commented in this review.')
  })

  test('a suggested change is fenced longer than any backticks in it', () => {
    const f = finding({ fix: { loc: { file: 'main.tf', startLine: 1, endLine: 1 }, replacement: '  x = "```"\n' } })
    const body = reviewCommentBody(f, undefined, true)
    expect(body).toContain('````suggestion\n  x = "```"\n````')
  })

  test('marking fixed keeps the marker, reads as fixed, and is idempotent', () => {
    const f = finding()
    const body = reviewCommentBody(f, undefined, false)
    const fixed = markFixed(body, 'abcdef1234567')
    expect(isMarkedFixed(fixed)).toBe(true)
    expect(fingerprintOf(fixed)).toBe(f.fingerprint)
    expect(fixed).toContain('Fixed** in abcdef1')
    expect(markFixed(fixed, 'ffffff0')).toBe(fixed)
  })
})

describe('the change report', () => {
  const report = (added: number): ChangeReport => ({
    headSha: 'a'.repeat(40),
    baseSha: 'b'.repeat(40),
    added: Array.from({ length: added }, (_, i) => finding({ line: i + 1, element: `S${i}` })),
    existing: [finding({ ruleId: 'trail/not-encrypted', severity: 'medium' })],
    fixed: [],
    unresolved: [],
    suppressedCount: 2,
    rulebookSource: 'default',
    conclusion: 'failure',
    gateDescription: 'fails on new findings at high or above',
    notes: ['GitHub rejected 1 review comment(s)'],
    expiring: [],
    linkFor: (f) => `https://example/${f.loc.file}#L${f.loc.startLine}`,
  })

  test('counts, rows for every finding, notes and the rulebook', () => {
    const markdown = changeReportMarkdown(report(2), 65_000)
    expect(markdown).toContain('2 new · 1 existing · 0 fixed')
    expect(markdown).toContain('| new | 2 | 2 | 0 | 0 | 0 | 0 |')
    expect(markdown).toContain('| existing | 1 | 0 | 0 | 1 | 0 | 0 |')
    const newSection = markdown.slice(markdown.indexOf('### New findings (2)'), markdown.indexOf('<details><summary>Existing findings (1)'))
    expect(newSection.match(/^\| 🟥 critical/gm)).toHaveLength(2)
    expect(markdown).toContain('2 finding(s) suppressed or waived.')
    expect(markdown).toContain('> ⚠️ GitHub rejected 1 review comment(s)')
    expect(markdown).toContain('Rulebook: `default`')
  })

  test('new findings come first, most severe first, then by file and line; existing ones fold away; fixed ones link to the base', () => {
    const markdown = changeReportMarkdown(
      {
        ...report(0),
        added: [finding({ severity: 'low', ruleId: 'trail/no-cloudwatch-logs', file: 'a.tf' }), finding({ file: 'b.tf', line: 9 }), finding({ file: 'b.tf', line: 2 })],
        fixed: [finding({ ruleId: 'trail/not-multi-region', severity: 'high', file: 'old.tf' })],
      },
      65_000,
    )
    const rows = markdown.split('\n').filter((line) => /^\| [🟥🟧🟨🟦⬜]/u.test(line)).map((line) => /\[([^\]]+:\d+)\]/.exec(line)![1])
    expect(rows).toEqual(['b.tf:2', 'b.tf:9', 'a.tf:1', 'main.tf:1', 'old.tf:1'])
    expect(markdown.indexOf('### New findings (3)')).toBeLessThan(markdown.indexOf('<details><summary>Existing findings (1): already on the base branch</summary>'))
    expect(markdown).toContain('<details><summary>Fixed by this change (1)</summary>')
  })

  // Secrets are masked before findings reach any report (src/report/redact.ts; test/e2e/secrets.test.ts).
  test('a pipe or a line break in a message cannot break the table, a custom rule is not a dead link', () => {
    const markdown = changeReportMarkdown({ ...report(0), added: [finding({ ruleId: 'acme/custom', message: 'a | b\nc password = "****"' })] }, 65_000)
    const row = markdown.split('\n').find((line) => line.includes('acme/custom'))!
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7)
    expect(row).toContain('a \\| b c')
    expect(row).toContain('| `acme/custom` |')
  })

  test('over the size budget it lists what fits and says how many more there are', () => {
    const markdown = changeReportMarkdown(report(500), 20_000)
    expect(markdown.length).toBeLessThanOrEqual(20_000)
    const shown = markdown.match(/\]\(https:\/\/example\//g)!.length
    expect(shown).toBeLessThan(501)
    expect(markdown).toContain(`…and ${501 - shown} more findings`)
    expect(markdown).toContain('Rulebook: `default`')
  })
})

describe('check run titles', () => {
  test('what the change adds first, with its severities; existing and fixed only when there are some', () => {
    const added = [finding(), finding({ severity: 'high', line: 2 }), finding({ severity: 'high', line: 3 })]
    expect(changeCheckTitle(added, [finding({ line: 5 })], [])).toBe('3 new findings (1 critical, 2 high) · 1 existing')
    expect(changeCheckTitle([finding()], [], [finding({ line: 4 })])).toBe('1 new finding (1 critical) · 1 fixed')
    expect(changeCheckTitle([], [], [])).toBe('No new findings')
    expect(fullScanCheckTitle(added, 1)).toBe('3 findings (1 critical, 2 high) in 1 file')
  })
})

describe('the Markdown report', () => {
  test('most severe first, unresolved values listed apart', () => {
    const result = {
      files: ['main.tf'],
      findings: [
        finding({ severity: 'low', ruleId: 'trail/no-cloudwatch-logs', line: 1 }),
        finding({ line: 7 }),
        finding({ ruleId: 'policygate/unresolved', severity: 'info', line: 3, message: 'var.password could not be read' }),
      ],
      rulebookSource: 'default',
      judgedAt: new Date(),
    }
    const markdown = toMarkdown(result as never)
    expect(markdown.indexOf('main.tf:7')).toBeLessThan(markdown.indexOf('main.tf:1`'))
    expect(markdown).toContain('main.tf:3')
    expect(markdown).toContain('var.password could not be read')
  })
})
