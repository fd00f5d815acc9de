import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { globCovers, globMatches, globRegex, globsIntersect, normalizeVariables } from '../../src/iam/glob.js'

/*
 * globCovers and globsIntersect run without recursion now (a 20,000-character action exhausted the
 * stack of a rule). The recursive definitions they replace are the oracles here.
 */

type Symbol = { star: true } | { star: false; char: string }
const symbols = (pattern: string, caseInsensitive: boolean): Symbol[] =>
  normalizeVariables(caseInsensitive ? pattern.toLowerCase() : pattern)
    .split('')
    .map((char) => (char === '*' ? { star: true } : { star: false, char }))

function coversByDefinition(general: string, specific: string, caseInsensitive = true): boolean {
  const g = symbols(general, caseInsensitive)
  const s = symbols(specific, caseInsensitive)
  const covers = (i: number, j: number): boolean => {
    if (i === g.length) return j === s.length
    const gi = g[i]!
    if (gi.star) return covers(i + 1, j) || (j < s.length && covers(i, j + 1))
    if (j === s.length) return false
    const sj = s[j]!
    return !sj.star && (gi.char === '?' || gi.char === sj.char) && covers(i + 1, j + 1)
  }
  return covers(0, 0)
}

function intersectByDefinition(a: string, b: string, caseInsensitive = true): boolean {
  const p = symbols(a, caseInsensitive)
  const q = symbols(b, caseInsensitive)
  const meet = (i: number, j: number): boolean => {
    const pi = p[i]
    const qj = q[j]
    if (!pi && !qj) return true
    if (pi?.star) return meet(i + 1, j) || (j < q.length && meet(i, j + 1))
    if (qj?.star) return meet(i, j + 1) || (i < p.length && meet(i + 1, j))
    if (!pi || !qj) return false
    return (pi.char === '?' || qj.char === '?' || pi.char === qj.char) && meet(i + 1, j + 1)
  }
  return meet(0, 0)
}

const pattern = fc.array(fc.constantFrom('a', 'A', 'b', ':', '*', '?', '${x}'), { maxLength: 9 }).map((parts) => parts.join(''))

describe('IAM wildcard patterns', () => {
  it('cover and intersect exactly as their recursive definitions say', () => {
    fc.assert(
      fc.property(pattern, pattern, fc.boolean(), (a, b, caseInsensitive) => {
        expect(globCovers(a, b, caseInsensitive)).toBe(coversByDefinition(a, b, caseInsensitive))
        expect(globsIntersect(a, b, caseInsensitive)).toBe(intersectByDefinition(a, b, caseInsensitive))
      }),
      { numRuns: 20_000 },
    )
  })

  it('match values as their regular expressions do, also where there are too many stars to run one', () => {
    const manyStars = fc.array(fc.constantFrom('a', 'B', '*', '?', '*', '${v}'), { minLength: 5, maxLength: 14 }).map((parts) => `*${parts.join('')}*`)
    const value = fc.array(fc.constantFrom('a', 'A', 'b', 'B', '?', '*'), { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(manyStars, value, fc.boolean(), (pattern, text, caseInsensitive) => {
        expect(globMatches(pattern, text, caseInsensitive)).toBe(globRegex(pattern, caseInsensitive).test(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('take patterns of any length', () => {
    const started = performance.now()
    expect(globMatches(`s3:${'Get*'.repeat(5000)}`, 's3:GetObjectGetObject')).toBe(false)
    expect(globMatches(`${'*a'.repeat(20_000)}`, 'a'.repeat(20_000))).toBe(true)
    expect(performance.now() - started).toBeLessThan(2000)
    const long = `s3:${'Get*'.repeat(6000)}x`
    expect(globCovers('s3:*', long)).toBe(true)
    expect(globCovers(long, `s3:${'G'.repeat(20_000)}`)).toBe(false)
    expect(globsIntersect(`s3:${'a'.repeat(3000)}*`, `s3:*${'a'.repeat(3000)}`)).toBe(true)
  })
})
