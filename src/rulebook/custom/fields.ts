import { isUnknown, type SourceRange } from '../../model/source.js'
import type { Value } from '../../parse/value.js'
import { errorAt, type RulebookError } from '../document.js'
import { didYouMean } from '../nearest.js'
import { describeField, fieldsOf, type FieldShape, type ShapeName } from './shapes.js'

/*
 * Dotted field paths (`api.endpointType`, `trust.statements.principals.type`): checked against the
 * model's shapes when a rulebook loads, then read off model objects. Lists on the way are walked
 * element by element, so a path yields every value it reaches; an Attr yields its value with its location.
 */

/** What a checked path ends at: the last field, and whether every object has it (no optional field and no list on the way). */
export interface PathEnd {
  field: FieldShape
  alwaysPresent: boolean
}

/** Every name of `path` checked against `shape` (a kind's), walking into the shapes its fields lead to; the error points at the first bad name. */
export function checkFieldPath(path: string, pathNode: Value, shape: ShapeName, kindName: string): { error: RulebookError } | { end: PathEnd } {
  const segments = path.split('.')
  let current = shape
  let alwaysPresent = true
  let last: FieldShape | undefined
  for (const [i, segment] of segments.entries()) {
    const fields = fieldsOf(current)
    const field = Object.hasOwn(fields, segment) ? fields[segment]! : undefined
    if (!field) {
      const names = Object.keys(fields)
      const owner = i === 0 ? kindName : `${kindName} field '${path}': ${current}`
      return { error: errorAt(segmentLoc(pathNode, path, i), `${owner} has no field '${segment}'${didYouMean(segment, names)} (fields: ${names.join(', ')})`) }
    }
    const next = segments[i + 1]
    if (next !== undefined && 'scalar' in field) {
      return { error: errorAt(segmentLoc(pathNode, path, i + 1), `${kindName} field '${path}': '${segments.slice(0, i + 1).join('.')}' is ${describeField(field)}, a value with no fields, so '${next}' names nothing`) }
    }
    if ('shape' in field) current = field.shape
    alwaysPresent &&= !field.optional && !field.list
    last = field
  }
  return { end: { field: last!, alwaysPresent } }
}

/** Where the `index`th name of the path starts in the rulebook, when the scalar is written on one line as plain or quoted text; else the scalar's start. */
function segmentLoc(pathNode: Value, path: string, index: number): SourceRange {
  const { loc } = pathNode
  if (loc.startColumn === undefined || loc.endColumn === undefined || loc.startLine !== loc.endLine) return loc
  const width = loc.endColumn - loc.startColumn
  const quote = width === path.length ? 0 : width === path.length + 2 ? 1 : undefined
  if (quote === undefined) return loc
  const offset = path.split('.').slice(0, index).reduce((sum, segment) => sum + segment.length + 1, 0)
  return { ...loc, startColumn: loc.startColumn + quote + offset }
}

export interface FieldValue {
  /** A scalar, an object, or an Unknown. */
  value: unknown
  loc?: SourceRange
}

function isAttr(node: object): node is { value: unknown; loc: SourceRange; explicit: boolean } {
  return 'value' in node && 'loc' in node && 'explicit' in node
}

function leaves(node: unknown, out: FieldValue[]): void {
  if (node === undefined || node === null) return
  if (Array.isArray(node)) {
    for (const item of node) leaves(item, out)
    return
  }
  if (typeof node === 'object' && !isUnknown(node) && isAttr(node)) {
    out.push({ value: node.value, loc: node.loc })
    return
  }
  const loc = typeof node === 'object' && 'loc' in node ? (node as { loc: SourceRange }).loc : undefined
  out.push({ value: node, loc })
}

export function readField(subject: object, path: string): FieldValue[] {
  let nodes: unknown[] = [subject]
  for (const segment of path.split('.')) {
    const next: unknown[] = []
    for (const node of nodes.flatMap((n) => (Array.isArray(n) ? n : [n]))) {
      if (node === null || typeof node !== 'object' || isUnknown(node)) continue
      const target = isAttr(node) ? node.value : node
      if (target !== null && typeof target === 'object' && Object.hasOwn(target, segment)) next.push((target as Record<string, unknown>)[segment])
    }
    nodes = next
  }
  const out: FieldValue[] = []
  for (const node of nodes) leaves(node, out)
  return out
}
