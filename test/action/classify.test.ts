import { describe, expect, test } from 'vitest'
import { classifyFindings } from '../../src/diff/classify.js'
import { finding } from './helpers.js'

describe('new, existing and fixed by fingerprint', () => {
  test('moving lines keeps a finding existing; a new element is new; a vanished one is fixed', () => {
    const base = [finding({ line: 10 }), finding({ line: 30, element: 'Statement[1]' })]
    const head = [finding({ line: 14 }), finding({ line: 40, element: 'Statement[2]' })]
    const { added, existing, fixed } = classifyFindings(head, base)
    expect(existing.map((f) => f.loc.startLine)).toEqual([14])
    expect(added.map((f) => f.element)).toEqual(['Statement[2]'])
    expect(fixed.map((f) => f.element)).toEqual(['Statement[1]'])
  })

  test('a second copy of an old problem is one new finding', () => {
    const { added, existing } = classifyFindings([finding({ line: 1 }), finding({ line: 9 })], [finding({ line: 1 })])
    expect(existing).toHaveLength(1)
    expect(added).toHaveLength(1)
  })

  test('a renamed file keeps its findings existing', () => {
    const base = [finding({ file: 'old/main.tf' })]
    const head = [finding({ file: 'new/main.tf' })]
    expect(classifyFindings(head, base).added).toHaveLength(1)
    const renamed = classifyFindings(head, base, new Map([['old/main.tf', 'new/main.tf']]))
    expect(renamed).toMatchObject({ added: [], fixed: [] })
    expect(renamed.existing).toHaveLength(1)
  })
})
