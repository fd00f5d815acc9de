import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/extract/context.js'
import { emptyModel } from '../../src/model/aws.js'
import type { Value } from '../../src/parse/value.js'

const refIn = (file: string, ref: string): Value => ({ kind: 'unknown', reason: 'computed', ref, loc: { file, startLine: 1, endLine: 1 } })
const nameIn = (file: string, value: string): Value => ({ kind: 'string', value, loc: { file, startLine: 1, endLine: 1 } })

describe('extract context across units', () => {
  it('a reference resolves inside the unit of the resource that holds it, even when another unit reuses the address', () => {
    const context = createContext(emptyModel())
    const first = { id: 'first' }
    const second = { id: 'second' }
    const found: Record<string, unknown> = {}
    context.enterUnit(['a/main.tf', 'a/variables.tf'])
    context.register('securityGroup', 'aws_security_group.this', first)
    // A join deferred by a resource of unit a runs in unit a, whichever file its value is written in.
    context.afterAll(() => (found.a = context.lookup('securityGroup', refIn('modules/sg/main.tf', 'aws_security_group.this.id'))))
    context.enterUnit(['b/main.tf'])
    context.register('securityGroup', 'aws_security_group.this', second)
    found.b = context.lookup('securityGroup', refIn('modules/sg/main.tf', 'aws_security_group.this.id'))
    found.missing = context.lookup('securityGroup', refIn('b/main.tf', 'aws_security_group.missing.id'))
    context.runDeferred()
    expect(found).toEqual({ a: first, b: second, missing: undefined })
  })

  it('names may cross units and prefer their own', () => {
    const context = createContext(emptyModel())
    const logs = { id: 'logs' }
    const other = { id: 'other' }
    context.enterUnit(['logging.yaml'])
    context.register('bucket', 'LogBucket', logs, ['org-logs', 'shared'])
    context.afterAll(() => expect(context.lookup('bucket', nameIn('logging.yaml', 'shared'))).toBe(logs))
    context.enterUnit(['app.yaml'])
    context.register('bucket', 'Bucket', other, ['shared'])
    expect(context.lookup('bucket', nameIn('app.yaml', 'org-logs'))).toBe(logs)
    expect(context.lookup('bucket', nameIn('app.yaml', 'shared'))).toBe(other)
    context.runDeferred()
  })
})
