import { firstLine, type SourceRange } from '../../model/source.js'
import { field, type MapEntry, type MapValue, type Value } from '../value.js'

const KNOWN_AFTER_APPLY = 'known after apply'

/**
 * A planned resource's `values` as its body. Attributes that `after_unknown` marks become unknown
 * ("known after apply"), added at the resource's first line when the plan omits them; a top-level
 * unknown keeps the reference its configuration expression names, so extract can still join it.
 * Lists of objects are nested blocks and are marked as such, as the HCL parser marks them.
 */
export function resourceBody(
  values: MapValue | undefined,
  afterUnknown: Value | undefined,
  referenceOf: (attribute: string) => string | undefined,
  resourceLoc: SourceRange,
): MapValue {
  const head = firstLine(resourceLoc)
  const planned = withUnknowns(values ?? { kind: 'map', loc: head, entries: [] }, afterUnknown, head)
  if (planned.kind !== 'map') return { kind: 'map', loc: head, entries: [] }
  const entries = planned.entries.map((member): MapEntry => {
    const ref = member.value.kind === 'unknown' ? referenceOf(member.key) : undefined
    return ref === undefined ? member : { ...member, value: { ...member.value, ref } }
  })
  return markBlocks({ ...planned, entries }) as MapValue
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
