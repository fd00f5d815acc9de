import { RE2JS } from 're2js'

/*
 * Regular expressions written in a rulebook run on RE2 (re2js): matching time is linear in the input
 * whatever the pattern, so `(a+)+$` cannot hang a scan. Backreferences and lookaround, which need
 * backtracking, are syntax errors here.
 */

export interface LinearRegex {
  test(text: string): boolean
}

/** Longest pattern accepted: compiling is linear too, this only keeps automata small. */
const MAX_PATTERN_LENGTH = 2000

export function compileRegex(pattern: string): LinearRegex | { error: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { error: `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters` }
  try {
    const compiled = RE2JS.compile(pattern)
    return { test: (text) => compiled.test(text) }
  } catch (error) {
    return { error: `invalid regular expression (RE2 syntax): ${error instanceof Error ? error.message : String(error)}` }
  }
}
