import { describe, expect, test } from 'vitest'
import { fingerprintOf, isMarkedFixed, markFixed } from '../../src/report/github/markers.js'
import { reviewCommentBody } from '../../src/report/github/review-comment.js'
import { changeReportMarkdown, type ChangeReport } from '../../src/report/github/pr-summary.js'
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

  test('a suggested change is fenced longer than any backticks in it', () => {
    const f = finding({ fix: { loc: { file: 'main.tf', startLine: 1, endLine: 1 }, replacement: '  x = "```"\n' } })
    const body = reviewCommentBody(f, undefined, true)
    expect(body).toContain('````suggestion\n  x = "```"\n````')
  })

  test('a secret in the message is masked', () => {
    const body = reviewCommentBody(finding({ message: 'Key AKIAIOSFODNN7EXAMPLE is hardcoded' }), undefined, false)
    expect(body).not.toContain('AKIAIOSFODNN7EXAMPLE')
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
    expect(markdown).toContain('| new | 2 | 0 | 0 | 0 | 0 |')
    expect(markdown.match(/^\| 🆕 new/gm)).toHaveLength(2)
    expect(markdown).toContain('2 finding(s) suppressed or waived.')
    expect(markdown).toContain('> ⚠️ GitHub rejected 1 review comment(s)')
    expect(markdown).toContain('Rulebook: `default`')
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
