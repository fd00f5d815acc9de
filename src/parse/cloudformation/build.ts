import { joinPattern, type PatternPiece } from '../../model/pattern.js'
import type { SourceRange } from '../../model/source.js'
import type { StringValue, UnknownValue, Value } from '../value.js'

export function unknownAt(loc: SourceRange, reason: string, ref?: string): UnknownValue {
  return ref === undefined ? { kind: 'unknown', loc, reason } : { kind: 'unknown', loc, reason, ref }
}

/** Why a value built from `parts` is unknown: the references it depends on. */
export function dependsOn(parts: Value[], at: SourceRange): Value {
  const undetermined = parts.filter((part) => scalarText(part) === undefined)
  const refs = [...new Set(undetermined.flatMap((part) => (part.ref !== undefined ? [part.ref] : [])))]
  if (refs.length > 0) return unknownAt(at, `depends on ${refs.join(', ')}`)
  const reason = undetermined.find((part) => part.kind === 'unknown')
  return unknownAt(at, reason?.kind === 'unknown' ? reason.reason : 'depends on values the template does not determine')
}

/** dependsOn(parts) for a string built of `pieces`, keeping the known text as its pattern. */
export function partlyKnown(parts: Value[], pieces: PatternPiece[], at: SourceRange): Value {
  const value = dependsOn(parts, at)
  const pattern = joinPattern(pieces)
  return value.kind === 'unknown' && pattern !== undefined ? { ...value, pattern } : value
}

export function stringAt(loc: SourceRange, value: string): StringValue {
  return { kind: 'string', loc, value }
}

/** The text CloudFormation substitutes for a scalar (`Fn::Sub`, `Fn::Join`, `Fn::Equals`); undefined for anything else. */
export function scalarText(value: Value | undefined): string | undefined {
  if (value?.kind === 'string') return value.value
  if (value?.kind === 'number' || value?.kind === 'bool') return String(value.value)
  return undefined
}

/** A copy of `value` that reports at `loc` (where a reference was written) and remembers what it came from. */
export function relocated(value: Value, loc: SourceRange, ref?: string): Value {
  const copy = { ...value, loc }
  if (ref !== undefined) copy.ref = ref
  return copy
}

/** Structural equality ignoring positions; unknown values are never equal to anything (they might differ). */
export function sameValue(a: Value, b: Value): boolean {
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return b.kind === a.kind && b.value === a.value
    case 'null':
      return b.kind === 'null'
    case 'list':
      return b.kind === 'list' && b.items.length === a.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!))
    case 'map':
      return (
        b.kind === 'map' &&
        b.entries.length === a.entries.length &&
        a.entries.every((entry, i) => b.entries[i]!.key === entry.key && sameValue(entry.value, b.entries[i]!.value))
      )
    case 'unknown':
      return false
  }
}

/** The first unknown inside a value, if any: a value containing one cannot be serialised or compared. */
export function firstUnknown(value: Value): Value | undefined {
  if (value.kind === 'unknown') return value
  if (value.kind === 'list') return value.items.map(firstUnknown).find((found) => found !== undefined)
  if (value.kind === 'map') return value.entries.map((entry) => firstUnknown(entry.value)).find((found) => found !== undefined)
  return undefined
}
