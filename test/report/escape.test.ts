import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { codeSpan, markdownText, plainLine } from '../../src/report/escape.js'
import { tableCell } from '../../src/report/summary.js'

// GitHub renders comments as GFM with a sanitised subset of HTML: markdown-it with HTML on is the stricter judge.
const md = new MarkdownIt({ html: true })

const decode = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
const tags = (html: string) => [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase())

// Text a hostile pull request could put in a name or value: Markdown and HTML syntax, mentions, line breaks, escapes.
const hostile = fc.array(
  fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('`', '``', '```', '*', '_', '[x](https://evil.example)', '![i](https://evil.example/i.png)', '<img src=x onerror=alert(1)>', '</details>', '<!--', '@octocat', '@acme/security', '#', '\n# Heading\n', '\n\n- item', '\n> quote', '\n1. one', '|', '\\', '&amp;', '&#64;', '~~', '\r', '\u001b[31m', '\u202e', '    '),
  ),
  { maxLength: 12 },
).map((parts) => parts.join(''))

describe('markdownText', () => {
  it('renders any text as one paragraph of that very text: no link, image, code, emphasis, heading, list, quote or HTML', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = markdownText(text)
        const html = md.render(shown)
        const expected = plainLine(text).trim().replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
        if (expected === '') return
        expect(tags(html)).toEqual(['p', 'p'])
        expect(decode(html).trim()).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })

  it('mentions nobody', () => {
    expect(decode(md.render(markdownText('ping @octocat and @acme/security')))).not.toMatch(/@[A-Za-z]/)
  })
})

describe('codeSpan', () => {
  it('is one code span holding the text, whatever backticks it contains, and stays one table cell', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const flat = plainLine(text)
        if (flat.trim() === '') return
        const html = md.render(`see ${codeSpan(text)} here`)
        expect(tags(html)).toEqual(['p', 'code', 'code', 'p'])
        expect(decode(/<code>([^]*)<\/code>/.exec(html)![1]!)).toBe(flat)
        const table = md.render(`| a | b |\n| --- | --- |\n| x | ${tableCell(codeSpan(text))} |\n`)
        expect(table.match(/<td>/g)).toHaveLength(2)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('plainLine', () => {
  it('leaves no escape sequence, control character or bidirectional override for a terminal to obey', () => {
    fc.assert(
      fc.property(hostile, fc.string(), (a, b) => {
        expect(plainLine(a + b)).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
      }),
    )
    expect(plainLine('name\u001b[2J\u001b]0;owned\u0007\u001b[31m red\u001b[0m')).toBe('name red')
  })
})

describe('check-run and workflow annotations', () => {
  it('carry repository text as one plain line', async () => {
    const { toAnnotation } = await import('../../src/report/github/annotations.js')
    const { finding } = await import('../action/helpers.js')
    const annotation = toAnnotation(finding({ message: 'line one\n::error::forged\u001b[31m', address: 'Evil\u001b]0;title\u0007Name' }))
    expect(annotation.message).toBe('line one ::error::forged — EvilName')
  })
})
