import { isUnknown, type SourceRange } from '../../model/source.js'

/*
 * Reading a dotted field path (`api.endpointType`, `trust.statements.principals.type`) off a model
 * object. Lists on the way are walked element by element, so a path yields every value it reaches;
 * an Attr yields its value with its location.
 */

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
