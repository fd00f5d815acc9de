import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { at, evaluateModule } from './terraform-helpers.js'

/** How HCL writes a string between quotes. */
function quoted(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\u0000-\u001f\u007f\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return `"${escaped}"`
}

/** A heredoc line: no line breaks or control characters, never the closing marker. */
const heredocLine = fc
  .string({ unit: 'grapheme', maxLength: 30 })
  .map((line) => line.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '').trim())
  .filter((line) => line !== 'EOT')

describe('HCL strings, generated', () => {
  it('round-trip through quoting with the right line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(2)), { minLength: 1, maxLength: 8 }), async (strings) => {
        const source = ['resource "x" "y" {']
        const expected: [string, string, number][] = []
        strings.forEach(([text, blankLines], index) => {
          for (let i = 0; i < blankLines; i++) source.push('')
          source.push(`  a${index} = ${quoted(text)}`)
          expected.push([`a${index}`, text, source.length])
        })
        source.push('}')
        const unit = await evaluateModule({ 'main.tf': source.join('\n') })
        expect(unit.diagnostics).toEqual([])
        for (const [name, text, line] of expected) expect(at(unit, 'x.y', name)).toMatchObject({ kind: 'string', value: text, loc: { startLine: line } })
      }),
      { numRuns: 100 },
    )
  })

  it('round-trip through heredocs, flush or not, with the text origin on the first content line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(heredocLine, { maxLength: 6 }), fc.nat(3), fc.nat(4), fc.boolean(), async (contentLines, blankLines, indent, flush) => {
        const pad = flush ? ' '.repeat(indent) : ''
        const escape = (line: string) => line.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')
        const source = ['resource "x" "y" {', ...Array<string>(blankLines).fill(''), `  doc = <<${flush ? '-' : ''}EOT`]
        const start = source.length + 1
        source.push(...contentLines.map((line) => (line === '' ? '' : pad + escape(line))), `${pad}EOT`, '}')
        const unit = await evaluateModule({ 'main.tf': source.join('\n') })
        expect(unit.diagnostics).toEqual([])
        const value = at(unit, 'x.y', 'doc')
        const text = contentLines.map((line) => `${line}\n`).join('')
        expect(value).toMatchObject({ kind: 'string', value: text, loc: { startLine: start - 1 } })
        expect(value).toMatchObject({ textOrigin: { line: start } })
      }),
      { numRuns: 100 },
    )
  })
})
