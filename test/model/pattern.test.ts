import { describe, expect, it } from 'vitest'
import { HOLE, joinPattern, knownPrefix, knownSuffix, patternOf } from '../../src/model/pattern.js'
import { Unknown, attr, isKnown } from '../../src/model/source.js'
import { knownValue, toString } from '../../src/extract/values.js'
import { sameValue } from '../../src/parse/terraform/values.js'
import { valueOf } from '../parse/cloudformation-helpers.js'
import { at, evaluateModule } from '../parse/terraform-helpers.js'

const loc = { file: 'main.tf', startLine: 1, endLine: 1 }

describe('patterns of partly unknown strings', () => {
  it('join known text and holes, collapsing touching holes and nesting inner patterns', () => {
    expect(joinPattern(['arn:aws:iam::', {}, ':root'])).toBe(`arn:aws:iam::${HOLE}:root`)
    expect(joinPattern(['a-', {}, {}, { pattern: `${HOLE}-b` }])).toBe(`a-${HOLE}-b`)
    expect(joinPattern([{}, { pattern: `x${HOLE}` }])).toBe(`${HOLE}x${HOLE}`)
  })

  it('have none when nothing, or everything, is known, or when known text holds the hole character', () => {
    expect(joinPattern([{}, {}])).toBeUndefined()
    expect(joinPattern(['all', 'known'])).toBeUndefined()
    expect(joinPattern([`looks like a ${HOLE}`, {}])).toBeUndefined()
  })

  it('tell the text every value starts and ends with; a literal * is only text', () => {
    const arn = new Unknown('account', undefined, `arn:aws:s3:::${HOLE}/*`)
    expect(knownPrefix(arn)).toBe('arn:aws:s3:::')
    expect(knownSuffix(arn)).toBe('/*')
    expect(knownPrefix(new Unknown('nothing known'))).toBe('')
    expect(knownSuffix('arn:aws:s3:::b/*')).toBe('arn:aws:s3:::b/*')
    expect(patternOf('known')).toBeUndefined()
  })
})

describe('an unknown with a pattern is still unknown', () => {
  it('never equals a literal, not even its own known text', () => {
    const value = new Unknown('account', 'var.account', `arn:aws:iam::${HOLE}:root`)
    const account = attr<string>(value, loc)
    expect(isKnown(account)).toBe(false)
    expect(knownValue(account)).toBeUndefined()
    expect((account.value as unknown) === `arn:aws:iam::${HOLE}:root`).toBe(false)
    expect(account.value === 'arn:aws:iam::123456789012:root').toBe(false)
  })

  it('keeps its pattern from the value tree into the model, as an Unknown', async () => {
    const unit = await evaluateModule({ 'main.tf': 'variable "env" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "logs-${var.env}"\n}\n' })
    const bucket = toString(at(unit, 'aws_s3_bucket.b', 'bucket'))
    expect(isKnown(bucket)).toBe(false)
    expect(bucket.value).toBeInstanceOf(Unknown)
    expect(patternOf(bucket.value)).toBe(`logs-${HOLE}`)
    expect(bucket.value === 'logs-').toBe(false)
  })

  it('is never equal in the parsers either: a hole may be empty, yet the comparison stays undetermined', async () => {
    const unit = await evaluateModule({
      'main.tf': 'variable "env" {}\nresource "aws_s3_bucket" "b" {\n  same = "prod${var.env}" == "prod" ? "yes" : "no"\n}\n',
    })
    expect(at(unit, 'aws_s3_bucket.b', 'same')).toMatchObject({ kind: 'unknown' })
    const prod = { kind: 'string', value: 'prod', loc } as const
    expect(sameValue({ kind: 'unknown', reason: 'env', loc, pattern: `prod${HOLE}` }, prod)).toBe(false)
    const conditions = ['Conditions:', '  IsProd: !Equals [!Sub "prod${Suffix}", prod]', 'Parameters:', '  Suffix:', '    Type: String']
    expect(valueOf('!If [IsProd, yes, no]', conditions)).toMatchObject({ kind: 'unknown', reason: 'depends on condition IsProd' })
  })
})
