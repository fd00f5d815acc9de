/*
 * IAM wildcard patterns (`*` any run of characters, `?` one character), as Action, Resource and
 * condition values use them. Policy variables (`${aws:username}`) stand for a value unknown offline,
 * so they are read as `*`.
 */

// One cache per case mode, keyed by the pattern itself: building a combined key cost more than the lookup (matching runs per catalog action).
const caseInsensitiveRegexes = new Map<string, RegExp>()
const caseSensitiveRegexes = new Map<string, RegExp>()

/** `${…}` policy variables become `*`: their value is only known at request time. */
export function normalizeVariables(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, '*')
}

export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(normalizeVariables(pattern))
}

/** A case-insensitive regular expression for an IAM wildcard pattern (actions are case-insensitive, as AWS matches them). */
export function globRegex(pattern: string, caseInsensitive = true): RegExp {
  const cache = caseInsensitive ? caseInsensitiveRegexes : caseSensitiveRegexes
  let regex = cache.get(pattern)
  if (!regex) {
    const body = normalizeVariables(pattern)
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')
    regex = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's')
    cache.set(pattern, regex)
  }
  return regex
}

export function globMatches(pattern: string, value: string, caseInsensitive = true): boolean {
  return globRegex(pattern, caseInsensitive).test(value)
}

type Symbol = { star: true } | { star: false; char: string }

function symbols(pattern: string, caseInsensitive: boolean): Symbol[] {
  const text = normalizeVariables(caseInsensitive ? pattern.toLowerCase() : pattern)
  return text.split('').map((char) => (char === '*' ? { star: true } : { star: false, char }))
}

/** Every value `specific` can match is matched by `general` (sufficient test: a `*` of specific must meet a `*` of general). */
export function globCovers(general: string, specific: string, caseInsensitive = true): boolean {
  const g = symbols(general, caseInsensitive)
  const s = symbols(specific, caseInsensitive)
  const memo = new Map<number, boolean>()
  const covers = (i: number, j: number): boolean => {
    const key = i * (s.length + 1) + j
    const cached = memo.get(key)
    if (cached !== undefined) return cached
    let result: boolean
    if (i === g.length) result = j === s.length
    else {
      const gi = g[i]!
      if (gi.star) result = covers(i + 1, j) || (j < s.length && covers(i, j + 1))
      else if (j === s.length) result = false
      else {
        const sj = s[j]!
        result = !sj.star && (gi.char === '?' || gi.char === sj.char) && covers(i + 1, j + 1)
      }
    }
    memo.set(key, result)
    return result
  }
  return covers(0, 0)
}

/** Some value is matched by both patterns. */
export function globsIntersect(a: string, b: string, caseInsensitive = true): boolean {
  const p = symbols(a, caseInsensitive)
  const q = symbols(b, caseInsensitive)
  const memo = new Map<number, boolean>()
  const meet = (i: number, j: number): boolean => {
    const key = i * (q.length + 1) + j
    const cached = memo.get(key)
    if (cached !== undefined) return cached
    let result: boolean
    const pi = p[i]
    const qj = q[j]
    if (!pi && !qj) result = true
    else if (pi?.star) result = meet(i + 1, j) || (j < q.length && meet(i, j + 1))
    else if (qj?.star) result = meet(i, j + 1) || (i < p.length && meet(i + 1, j))
    else if (!pi || !qj) result = false
    else result = (pi.char === '?' || qj.char === '?' || pi.char === qj.char) && meet(i + 1, j + 1)
    memo.set(key, result)
    return result
  }
  return meet(0, 0)
}
