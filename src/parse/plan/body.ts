import { firstLine, type SourceRange } from '../../model/source.js'
import { field, type MapEntry, type MapValue, type Value } from '../value.js'
import { singleReference, type ResourceConfiguration } from './configuration.js'

const KNOWN_AFTER_APPLY = 'known after apply'

/**
 * A planned resource's `values` as its body. Attributes that `after_unknown` marks become unknown
 * ("known after apply"), added at the resource's first line when the plan omits them — except a
 * top-level attribute the configuration does not write: the provider computes it (`arn`, `tags_all`,
 * an unset Optional+Computed `policy` or `inline_policy`), and it stays absent as in the HCL (so does a
 * `dynamic` block whose for_each is unknown at plan time: the configuration lists no dynamic blocks).
 * A value whose configuration expression names one resource keeps that reference, as a value the HCL
 * parser reached through a reference does, so extract can join it: the attribute itself when it is a
 * scalar or unknown, and every unknown inside it otherwise; nested blocks are followed element by element.
 * Lists of objects are nested blocks and are marked as such, as the HCL parser marks them.
 */
export function resourceBody(values: MapValue | undefined, afterUnknown: Value | undefined, configuration: ResourceConfiguration, resourceLoc: SourceRange): MapValue {
  const head = firstLine(resourceLoc)
  const written = values ?? { kind: 'map', loc: head, entries: [] }
  const planned = withUnknowns(written, afterUnknown, head)
  if (planned.kind !== 'map') return { kind: 'map', loc: head, entries: [] }
  const { expressions } = configuration
  const configured = expressions ? { ...planned, entries: planned.entries.filter((e) => field(written, e.key) || field(expressions, e.key)) } : planned
  return markBlocks(withReferences(configured, expressions, configuration.modulePrefix)) as MapValue
}

/** `expressions` is a body's configuration: attributes by name, nested blocks as lists of such bodies. */
function withReferences(body: MapValue, expressions: MapValue | undefined, modulePrefix: string): MapValue {
  if (!expressions) return body
  const entries = body.entries.map((member): MapEntry => {
    const expression = field(expressions, member.key)
    if (expression?.kind === 'list' && member.value.kind === 'list') {
      const items = member.value.items.map((item, i) => {
        const nested = expression.items[i]
        return item.kind === 'map' && nested?.kind === 'map' ? withReferences(item, nested, modulePrefix) : item
      })
      return { ...member, value: { ...member.value, items } }
    }
    const ref = singleReference(expression, modulePrefix)
    return ref === undefined ? member : { ...member, value: referring(member.value, ref, true) }
  })
  return { ...body, entries }
}

function referring(value: Value, ref: string, whole: boolean): Value {
  if (value.kind === 'list') return { ...value, items: value.items.map((item) => referring(item, ref, false)) }
  if (value.kind === 'map') return { ...value, entries: value.entries.map((member) => ({ ...member, value: referring(member.value, ref, false) })) }
  return whole || value.kind === 'unknown' ? { ...value, ref } : value
}

function withUnknowns(value: Value, afterUnknown: Value | undefined, head: SourceRange): Value {
  if (afterUnknown?.kind === 'bool' && afterUnknown.value) return { kind: 'unknown', loc: value.loc, reason: KNOWN_AFTER_APPLY }
  if (value.kind === 'list' && afterUnknown?.kind === 'list') return { ...value, items: value.items.map((item, i) => withUnknowns(item, afterUnknown.items[i], head)) }
  if (value.kind !== 'map' || afterUnknown?.kind !== 'map') return value
  const entries = value.entries.map((member) => ({ ...member, value: withUnknowns(member.value, field(afterUnknown, member.key), head) }))
  for (const marker of afterUnknown.entries) {
    if (marker.value.kind === 'bool' && marker.value.value && !field(value, marker.key))
      entries.push({ key: marker.key, keyLoc: head, value: { kind: 'unknown', loc: head, reason: KNOWN_AFTER_APPLY } })
  }
  return { ...value, entries }
}

function markBlocks(value: Value): Value {
  if (value.kind === 'map') return { ...value, entries: value.entries.map((member) => ({ ...member, value: markBlocks(member.value) })) }
  if (value.kind !== 'list') return value
  const items = value.items.map(markBlocks)
  const blocks = items.length > 0 && items.every((item) => item.kind === 'map')
  return { ...value, items: blocks ? items.map((item) => ({ ...item, block: true })) : items }
}
