/** Where a value came from. Lines and columns are 1-based; `file` is relative to the scan root (POSIX separators). */
export interface SourceRange {
  file: string
  startLine: number
  endLine: number
  startColumn?: number
  endColumn?: number
}

/** A value the source does not determine (a variable without default, a reference to a computed attribute, an opaque preprocessor tag). Never guessed. */
export class Unknown {
  constructor(
    readonly reason: string,
    /** The reference it came from, when there is one: `aws_iam_role.app.arn`, `AppRole.Arn`, `var.accounts`. */
    readonly ref?: string,
    /** The text the source does determine, unknown runs as holes (see pattern.ts): "arn:aws:iam::\uFFFC:root". Never makes the value known. */
    readonly pattern?: string,
  ) {}
}

export type Maybe<T> = T | Unknown

/**
 * Every scalar of the model. `explicit` is false when the value is the provider's default
 * (the attribute is absent); then `loc` is the enclosing resource's first line.
 * An unknown value is an `Unknown` instance, so `attr.value === true` and `attr.value === 'x'`
 * are false for it: strict comparisons treat unknown as "not proven", which is what rules want.
 */
export interface Attr<T> {
  value: Maybe<T>
  loc: SourceRange
  explicit: boolean
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown
}

export function isKnown<T>(attr: Attr<T>): attr is Attr<T> & { value: T } {
  return !(attr.value instanceof Unknown)
}

export function attr<T>(value: Maybe<T>, loc: SourceRange, explicit = true): Attr<T> {
  return { value, loc, explicit }
}

/** The first line of a range, as a range: where a finding about a missing thing points. */
export function firstLine(loc: SourceRange): SourceRange {
  return { file: loc.file, startLine: loc.startLine, endLine: loc.startLine, startColumn: loc.startColumn }
}

export function formatLoc(loc: SourceRange): string {
  return `${loc.file}:${loc.startLine}${loc.startColumn ? `:${loc.startColumn}` : ''}`
}
