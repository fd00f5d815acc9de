import { isUnknown, type Maybe } from './source.js'

/*
 * The known text of a partly unknown string. A template such as "arn:aws:iam::${var.account}:root"
 * evaluates to an Unknown whose `pattern` is "arn:aws:iam::\uFFFC:root": the text the source determines,
 * each run of undetermined text replaced by one HOLE. A hole stands for any text (empty, or holding
 * `:` and `/`); a `*` or `?` in a pattern is that literal character, never a wildcard.
 * Invariants: a pattern holds at least one hole and some known text, and no two holes touch. Known
 * text that itself contains U+FFFC cannot be told from a hole, so such a value gets no pattern.
 * A pattern never makes a value known: only code that asks for it reads it. Code matching patterns with
 * regular expressions names the hole (`\uFFFC`) where it accepts one and excludes it everywhere else.
 */

/** U+FFFC OBJECT REPLACEMENT CHARACTER, "an object stands here": unlike `*`, not a character IaC text uses. */
export const HOLE = '\uFFFC'

/** A piece of a string being built: known text, or an unknown part with its own pattern, if it has one. */
export type PatternPiece = string | { pattern?: string }

/** The pattern of a string built from `pieces`; undefined when every piece is known or nothing is. */
export function joinPattern(pieces: readonly PatternPiece[]): string | undefined {
  let text = ''
  for (const piece of pieces) {
    if (typeof piece !== 'string') text += piece.pattern ?? HOLE
    else if (piece.includes(HOLE)) return undefined
    else text += piece
  }
  const collapsed = text.replace(/\uFFFC+/g, HOLE)
  return collapsed.includes(HOLE) && collapsed !== HOLE ? collapsed : undefined
}

/** The pattern of an unknown value; undefined for a known one and for an unknown without known text. */
export function patternOf(value: Maybe<string>): string | undefined {
  return isUnknown(value) ? value.pattern : undefined
}

/** The text every possible value starts with: all of a known value, the text before the first hole of a pattern. */
export function knownPrefix(value: Maybe<string>): string {
  if (!isUnknown(value)) return value
  const pattern = value.pattern ?? HOLE
  return pattern.slice(0, pattern.indexOf(HOLE))
}

/** The text every possible value ends with: all of a known value, the text after the last hole of a pattern. */
export function knownSuffix(value: Maybe<string>): string {
  if (!isUnknown(value)) return value
  const pattern = value.pattern ?? HOLE
  return pattern.slice(pattern.lastIndexOf(HOLE) + 1)
}
