import type { SourceRange } from '../model/source.js'

/**
 * The positioned value tree every parser produces after evaluation: HCL attributes and blocks,
 * CloudFormation YAML/JSON, plan JSON, and JSON embedded in strings all become this one shape,
 * so extract can map any framework's resource body to the model with the same helpers.
 */
export type Value = StringValue | NumberValue | BoolValue | NullValue | ListValue | MapValue | UnknownValue

interface Positioned {
  loc: SourceRange
  /** Set when the value was obtained by following a reference (`aws_iam_role.app.name`, `!Ref AppRole`, `!GetAtt AppRole.Arn`): lets extract join resources. */
  ref?: string
  /** Set when the value was read through a reference to a parameter (`!Ref DbPassword`): where its literal is written (the `Default`), while `loc` stays at the reference. */
  writtenAt?: SourceRange
}

export interface StringValue extends Positioned {
  kind: 'string'
  value: string
  /**
   * Where the string's text starts in the file, when its content maps to file lines one to one
   * (HCL heredocs, YAML block scalars, `file()` contents): lets JSON embedded in it keep real line numbers.
   * Absent when the string was built (templates, Fn::Sub) or escaped, then every inner position is `loc`.
   */
  textOrigin?: {
    file: string
    line: number
    column: number
    dedent?: number
    /** The text as written, line breaks kept, when `value` folded them (YAML `>` blocks): parse embedded JSON from this to keep its lines. */
    text?: string
  }
}
export interface NumberValue extends Positioned { kind: 'number'; value: number }
export interface BoolValue extends Positioned { kind: 'bool'; value: boolean }
export interface NullValue extends Positioned { kind: 'null' }
export interface ListValue extends Positioned { kind: 'list'; items: Value[] }
export interface MapEntry { key: string; keyLoc: SourceRange; value: Value }
export interface MapValue extends Positioned {
  kind: 'map'
  entries: MapEntry[]
  /** True for an HCL block (`statement { … }`); blocks of one type are collected as a list under their type name. */
  block?: boolean
}
export interface UnknownValue extends Positioned {
  kind: 'unknown'
  reason: string
  /** A string partly determined by the source: its known text with holes (src/model/pattern.ts). Still unknown. */
  pattern?: string
}

export function entry(map: MapValue, key: string): MapEntry | undefined {
  return map.entries.find((e) => e.key === key)
}

export function field(map: MapValue | undefined, key: string): Value | undefined {
  return map ? entry(map, key)?.value : undefined
}

/** Follows a dotted path through maps; a list on the way means "its first element" (HCL blocks that occur once). */
export function path(value: Value | undefined, dotted: string): Value | undefined {
  let current = value
  for (const key of dotted.split('.')) {
    if (current?.kind === 'list') current = current.items[0]
    if (current?.kind !== 'map') return undefined
    current = field(current, key)
  }
  return current
}

/** No unknown anywhere inside: only such a value can be serialised or compared. */
export function isWhollyKnown(value: Value): boolean {
  if (value.kind === 'unknown') return false
  if (value.kind === 'list') return value.items.every(isWhollyKnown)
  if (value.kind === 'map') return value.entries.every((e) => isWhollyKnown(e.value))
  return true
}

/** A wholly known value as plain JSON data (jsonencode, Fn::ToJsonString, a policy's size); an unknown inside would be null. */
export function toPlainJson(value: Value): unknown {
  switch (value.kind) {
    case 'list':
      return value.items.map(toPlainJson)
    case 'map':
      return Object.fromEntries(value.entries.map((e) => [e.key, toPlainJson(e.value)]))
    case 'null':
    case 'unknown':
      return null
    default:
      return value.value
  }
}

/** An HCL block type or a list-valued property, as a list of its elements (a single map counts as one). */
export function items(value: Value | undefined): Value[] {
  if (!value) return []
  if (value.kind === 'list') return value.items
  return [value]
}
