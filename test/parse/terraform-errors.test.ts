import { describe, expect, it } from 'vitest'
import { firstHclError } from '../../src/parse/terraform/parse-errors.js'
import { evaluateModule } from './terraform-helpers.js'

const good = 'resource "aws_iam_role" "ok" {\n  name = "ok"\n}\n'

describe('Terraform files that cannot be parsed', () => {
  it('reports a syntax error in HCL words at its line, and still evaluates the other files', async () => {
    const unit = await evaluateModule({
      'broken.tf': 'resource "aws_iam_role" "broken" {\n  name = "x"\n  policy = {\n}\n',
      'good.tf': good,
    })
    expect(unit.diagnostics).toEqual([
      {
        kind: 'parse-error',
        message: expect.stringMatching(/^Unclosed configuration block; There is no closing brace for this block/),
        loc: expect.objectContaining({ file: 'broken.tf', startLine: 1 }),
      },
    ])
    expect(unit.resources.map((r) => r.address)).toEqual(['aws_iam_role.ok'])
    expect(unit.files).toEqual(['broken.tf', 'good.tf'])
  })

  it('catches what tree-sitter accepts and HCL rejects: a redefined argument, two arguments on one line, a hex number', async () => {
    const unit = await evaluateModule({
      'twice.tf': 'resource "x" "a" {\n  name = "a"\n  name = "b"\n}\n',
      'oneline.tf': 'resource "x" "b" {\n  a = 1 b = 2\n}\n',
      'hex.tf': 'resource "x" "c" {\n  a = 0x10\n}\n',
      'good.tf': good,
    })
    expect(unit.diagnostics.map((d) => [d.loc.file, d.loc.startLine, d.message.split(';')[0]])).toEqual([
      ['twice.tf', 3, 'Attribute redefined'],
      ['oneline.tf', 2, 'Missing newline after argument'],
      ['hex.tf', 2, expect.any(String)],
    ])
    expect(unit.resources.map((r) => r.address)).toEqual(['aws_iam_role.ok'])
  })

  it('accepts what only looks suspicious when HCL accepts it', async () => {
    const unit = await evaluateModule({ 'main.tf': 'resource "x" "y" { a = 1 }\n' })
    expect(unit.diagnostics).toEqual([])
    expect(unit.resources).toHaveLength(1)
  })

  it('reports invalid Terraform JSON at its line', async () => {
    const unit = await evaluateModule({ 'main.tf.json': '{\n  "resource": {\n    "x": ,\n  }\n}\n', 'good.tf': good })
    expect(unit.diagnostics).toEqual([{ kind: 'parse-error', message: expect.stringMatching(/invalid JSON/), loc: expect.objectContaining({ file: 'main.tf.json', startLine: 3 }) }])
    expect(unit.resources).toHaveLength(1)
  })

  it('never throws on empty files, comments only, or binary noise', async () => {
    const unit = await evaluateModule({ 'empty.tf': '', 'comments.tf': '# nothing\n// here\n', 'noise.tf': '\u0000\u0001{{{"' })
    expect(unit.diagnostics.map((d) => d.loc.file)).toEqual(['noise.tf'])
    expect(unit.resources).toEqual([])
  })
})

describe('HCL error messages', () => {
  it('takes the first of several diagnostics, with its line and column', () => {
    const message =
      'parse config: [infra/main.tf:1,9-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. infra/main.tf:1,9-2,1: Unterminated template string; No closing marker was found for the string.]'
    expect(firstHclError('infra/main.tf', message)).toEqual({
      message: 'Invalid multi-line string; Quoted strings may not be split over multiple lines.',
      line: 1,
      column: 9,
    })
  })
})
