import { describe, expect, it } from 'vitest'
import { parseJsonValue } from '../src/parse/json.js'
import { path } from '../src/parse/value.js'

describe('parseJsonValue', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:*" }\n  ]\n}'

  it('gives every element its line, shifted by the origin', () => {
    const { value } = parseJsonValue(text, { file: 'main.tf', line: 10, column: 3 })
    expect(path(value, 'Version')?.loc.startLine).toBe(11)
    expect(path(value, 'Statement.Action')).toMatchObject({ kind: 'string', value: 's3:*', loc: { startLine: 13 } })
  })

  it('pins everything to a fixed range when the text cannot be mapped line by line', () => {
    const fixed = { file: 't.yaml', startLine: 4, endLine: 4 }
    const { value } = parseJsonValue(text, { file: 't.yaml', fixed })
    expect(path(value, 'Statement.Effect')?.loc).toEqual(fixed)
  })

  it('reports a syntax error with its position instead of throwing', () => {
    const { value, error } = parseJsonValue('{\n  "a": 1,\n  "b": \n}', { file: 'p.json', line: 1, column: 1 })
    expect(value).toBeUndefined()
    expect(error?.message).toMatch(/invalid JSON/)
    expect(error?.loc.startLine).toBe(4)
  })
})
