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

/** Past this many `*` (or this length) a regular expression may backtrack for minutes, or be too large to compile. */
const REGEX_MAX_STARS = 4
const REGEX_MAX_LENGTH = 512

/** Long or star-heavy patterns as wildcardMatch takes them (folded, variables as `*`), prepared once per pattern. */
const preparedPatterns = [new Map<string, string>(), new Map<string, string>()] as const

export function globMatches(pattern: string, value: string, caseInsensitive = true): boolean {
  if (pattern.length <= REGEX_MAX_LENGTH && countStars(pattern) <= REGEX_MAX_STARS) return globRegex(pattern, caseInsensitive).test(value)
  const prepared = preparedPatterns[caseInsensitive ? 0 : 1]
  let folded = prepared.get(pattern)
  if (folded === undefined) {
    folded = normalizeVariables(caseInsensitive ? pattern.toLowerCase() : pattern).replace(/\*{2,}/g, '*')
    prepared.set(pattern, folded)
  }
  return wildcardMatch(folded, caseInsensitive ? value.toLowerCase() : value)
}

function countStars(pattern: string): number {
  let stars = 0
  for (let i = pattern.indexOf('*'); i >= 0; i = pattern.indexOf('*', i + 1)) stars++
  return stars
}

/** `*` and `?` against a literal value, backtracking only to the last `*`: time bounded by the product of the lengths, whatever the pattern. */
function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0
  let v = 0
  let lastStar = -1
  let resumeAt = 0
  while (v < value.length) {
    const c = pattern[p]
    if (c !== undefined && c !== '*' && (c === '?' || c === value[v])) {
      p++
      v++
    } else if (c === '*') {
      lastStar = p++
      resumeAt = v
    } else if (lastStar >= 0) {
      p = lastStar + 1
      v = ++resumeAt
    } else return false
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}

type Symbol = { star: true } | { star: false; char: string }

/** A pattern's symbols; a run of `*` is one `*` (it matches the same), so a run cannot blow up the comparisons below. */
function symbols(pattern: string, caseInsensitive: boolean): Symbol[] {
  const text = normalizeVariables(caseInsensitive ? pattern.toLowerCase() : pattern).replace(/\*{2,}/g, '*')
  return text.split('').map((char) => (char === '*' ? { star: true } : { star: false, char }))
}

/**
 * Comparisons already made: rules ask about the same pairs of patterns again and again (every
 * statement against every Deny, per action), and a comparison costs the product of the lengths.
 * Cleared when full, so its memory stays bounded.
 */
const answers = new Map<string, boolean>()
/** Characters of keys held: cleared past this (about 20 MB), however long the patterns. */
const MAX_KEY_CHARS = 10_000_000
let keyChars = 0

function remembered(kind: string, a: string, b: string, caseInsensitive: boolean, compute: () => boolean): boolean {
  const key = `${kind}${caseInsensitive ? 'i' : 's'}${a.length}:${a}${b}`
  let answer = answers.get(key)
  if (answer === undefined) {
    if (keyChars + key.length > MAX_KEY_CHARS) {
      answers.clear()
      keyChars = 0
    }
    answers.set(key, (answer = compute()))
    keyChars += key.length
  }
  return answer
}

/**
 * Every value `specific` can match is matched by `general` (sufficient test: a `*` of specific must meet a `*` of general).
 * Greedy, backtracking only to the last `*` of general: no recursion and no table, so patterns of any length are safe.
 */
export function globCovers(general: string, specific: string, caseInsensitive = true): boolean {
  return remembered('c', general, specific, caseInsensitive, () => coversNow(general, specific, caseInsensitive))
}

function coversNow(general: string, specific: string, caseInsensitive: boolean): boolean {
  const g = symbols(general, caseInsensitive)
  const s = symbols(specific, caseInsensitive)
  let i = 0
  let j = 0
  let lastStar = -1
  let resumeAt = 0
  while (j < s.length) {
    const gi = g[i]
    const sj = s[j]!
    if (gi && !gi.star && !sj.star && (gi.char === '?' || gi.char === sj.char)) {
      i++
      j++
    } else if (gi?.star) {
      lastStar = i++
      resumeAt = j
    } else if (lastStar >= 0) {
      // The last star of general takes one more symbol of specific; matching resumes after it.
      i = lastStar + 1
      j = ++resumeAt
    } else return false
  }
  while (g[i]?.star) i++
  return i === g.length
}

/** Some value is matched by both patterns. Two rows of the table at a time, filled without recursion. */
export function globsIntersect(a: string, b: string, caseInsensitive = true): boolean {
  return remembered('x', a, b, caseInsensitive, () => intersectNow(a, b, caseInsensitive))
}

function intersectNow(a: string, b: string, caseInsensitive: boolean): boolean {
  const p = symbols(a, caseInsensitive)
  const q = symbols(b, caseInsensitive)
  // below[j]: the rest of p from i + 1 meets the rest of q from j; row[j]: from i.
  let below: boolean[] = []
  for (let i = p.length; i >= 0; i--) {
    const row: boolean[] = new Array(q.length + 1)
    for (let j = q.length; j >= 0; j--) {
      const pi = p[i]
      const qj = q[j]
      if (!pi && !qj) row[j] = true
      else if (pi?.star) row[j] = below[j]! || (j < q.length && row[j + 1]!)
      else if (qj?.star) row[j] = row[j + 1]! || (i < p.length && below[j]!)
      else if (!pi || !qj) row[j] = false
      else row[j] = (pi.char === '?' || qj.char === '?' || pi.char === qj.char) && below[j + 1]!
    }
    below = row
  }
  return below[0]!
}
