import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/extract/context.js'
import { emptyModel } from '../../src/model/aws.js'
import type { Value } from '../../src/parse/value.js'

const refIn = (file: string, ref: string): Value => ({ kind: 'unknown', reason: 'computed', ref, loc: { file, startLine: 1, endLine: 1 } })
const nameIn = (file: string, value: string): Value => ({ kind: 'string', value, loc: { file, startLine: 1, endLine: 1 } })

describe('extract context across units', () => {
  it('a reference resolves inside the unit it is written in, even when another unit reuses the address', () => {
    const context = createContext(emptyModel())
    const first = { id: 'first' }
    const second = { id: 'second' }
    context.enterUnit(['a/main.tf', 'a/variables.tf'])
    context.register('securityGroup', 'aws_security_group.this', first)
    context.enterUnit(['b/main.tf'])
    context.register('securityGroup', 'aws_security_group.this', second)
    expect(context.lookup('securityGroup', refIn('a/variables.tf', 'aws_security_group.this.id'))).toBe(first)
    expect(context.lookup('securityGroup', refIn('b/main.tf', 'aws_security_group.this.id'))).toBe(second)
    expect(context.lookup('securityGroup', refIn('c/main.tf', 'aws_security_group.missing.id'))).toBeUndefined()
  })

  it('names may cross units and prefer their own', () => {
    const context = createContext(emptyModel())
    const logs = { id: 'logs' }
    const other = { id: 'other' }
    context.enterUnit(['logging.yaml'])
    context.register('bucket', 'LogBucket', logs, ['org-logs', 'shared'])
    context.enterUnit(['app.yaml'])
    context.register('bucket', 'Bucket', other, ['shared'])
    expect(context.lookup('bucket', nameIn('app.yaml', 'org-logs'))).toBe(logs)
    expect(context.lookup('bucket', nameIn('logging.yaml', 'shared'))).toBe(logs)
    expect(context.lookup('bucket', nameIn('app.yaml', 'shared'))).toBe(other)
  })
})
