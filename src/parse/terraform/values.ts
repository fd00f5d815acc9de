import type { SourceRange } from '../../model/source.js'
import { isWhollyKnown, toPlainJson, type StringValue, type UnknownValue, type Value } from '../value.js'

/** Unknown values that stand for an evaluation error (a missing key, a bad argument): `try()` skips them, nothing else can tell. */
const failures = new WeakSet<Value>()

export function unknown(reason: string, loc: SourceRange, ref?: string, pattern?: string): UnknownValue {
  const value: UnknownValue = ref === undefined ? { kind: 'unknown', reason, loc } : { kind: 'unknown', reason, loc, ref }
  if (pattern !== undefined) value.pattern = pattern
  return value
}

export function failure(reason: string, loc: SourceRange): UnknownValue {
  const value = unknown(reason, loc)
  failures.add(value)
  return value
}

export function isFailure(value: Value): boolean {
  return failures.has(value)
}

export function stringValue(value: string, loc: SourceRange): StringValue {
  return { kind: 'string', value, loc }
}

/** The value as it would be referred to through `ref` (a copy: the original keeps its own). */
export function withRef(value: Value, ref: string): Value {
  if (value.ref === ref) return value
  const copy = { ...value, ref }
  if (failures.has(value)) failures.add(copy)
  return copy
}

/** Structural equality of known values, positions ignored; an unknown is never equal to anything. */
export function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return false
  if (a.kind === 'list' && b.kind === 'list') return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!))
  if (a.kind === 'map' && b.kind === 'map') {
    return a.entries.length === b.entries.length && a.entries.every((e) => b.entries.some((f) => f.key === e.key && sameValue(e.value, f.value)))
  }
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind
  if (a.kind === 'list' || a.kind === 'map' || b.kind === 'list' || b.kind === 'map') return false
  // As in HCL, values of different types are never equal (`1 == "1"` is false).
  return a.kind === b.kind && a.value === b.value
}

/** The text a known scalar becomes inside a string template; maps and lists (jsonencode results) become their JSON. */
export function templateText(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value
    case 'number':
    case 'bool':
      return String(value.value)
    case 'list':
    case 'map':
      return isWhollyKnown(value) ? JSON.stringify(toPlainJson(value)) : undefined
    default:
      return undefined
  }
}

export function spanOf(first: SourceRange, last: SourceRange): SourceRange {
  return { file: first.file, startLine: first.startLine, endLine: last.endLine, startColumn: first.startColumn, endColumn: last.endColumn }
}

/** A copy of the value with every position moved: for values whose text has no line of its own in the file (command-line values, decoded strings). */
export function mapLocations(value: Value, move: (loc: SourceRange) => SourceRange): Value {
  if (value.kind === 'list') return { ...value, loc: move(value.loc), items: value.items.map((item) => mapLocations(item, move)) }
  if (value.kind === 'map') return { ...value, loc: move(value.loc), entries: value.entries.map((e) => ({ ...e, keyLoc: move(e.keyLoc), value: mapLocations(e.value, move) })) }
  return { ...value, loc: move(value.loc) }
}
