import type { SourceRange } from '../../model/source.js'
import { isWhollyKnown, type MapEntry, type Value } from '../value.js'
import { failure, sameValue, stringValue, templateText, unknown } from './values.js'

/*
 * Terraform's collection functions over positioned values: each element keeps the position where it
 * is written. An unknown argument makes the result unknown with its reason; a wrong argument is an
 * evaluation failure (what `try()` and `can()` look for).
 */

type Builtin = (args: Value[], loc: SourceRange) => Value

const num = (value: number, loc: SourceRange): Value => ({ kind: 'number', value, loc })
const bool = (value: boolean, loc: SourceRange): Value => ({ kind: 'bool', value, loc })
const list = (items: Value[], loc: SourceRange): Value => ({ kind: 'list', items, loc })

/** The first unknown among the arguments, as an unknown at the call (its reason and reference kept). */
function unknownAmong(args: (Value | undefined)[], loc: SourceRange): Value | undefined {
  const found = args.find((arg) => arg?.kind === 'unknown')
  return found?.kind === 'unknown' ? unknown(found.reason, loc, found.ref) : undefined
}

function withList(value: Value | undefined, loc: SourceRange, name: string, use: (items: Value[]) => Value): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc, value.ref)
  if (value?.kind !== 'list') return failure(`${name}() needs a list, found ${value?.kind ?? 'nothing'}`, loc)
  return use(value.items)
}

function withMap(value: Value | undefined, loc: SourceRange, name: string, use: (entries: MapEntry[]) => Value): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc, value.ref)
  if (value?.kind !== 'map') return failure(`${name}() needs a map or object, found ${value?.kind ?? 'nothing'}`, loc)
  return use(value.entries)
}

function integer(value: Value | undefined): number | undefined {
  if (value?.kind === 'number' && Number.isInteger(value.value)) return value.value
  if (value?.kind === 'string' && /^-?\d+$/.test(value.value.trim())) return Number(value.value)
  return undefined
}

/** `range(max)`, `range(start, limit)`, `range(start, limit, step)`; at most this many elements, as Terraform. */
const MAX_RANGE = 1024

export const COLLECTION_FUNCTIONS: Record<string, Builtin> = {
  one: ([value], loc) =>
    withList(value, loc, 'one', (items) => (items.length === 0 ? { kind: 'null', loc } : items.length === 1 ? items[0]! : failure('one() needs a list of at most one element', loc))),
  coalescelist: (args, loc) => {
    for (const arg of args) {
      if (arg.kind === 'unknown') return unknown(arg.reason, loc, arg.ref)
      if (arg.kind === 'list' && arg.items.length > 0) return arg
      if (arg.kind !== 'list') return failure('coalescelist() needs lists', loc)
    }
    return failure('coalescelist() found no non-empty list', loc)
  },
  keys: ([value], loc) => withMap(value, loc, 'keys', (entries) => list([...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => stringValue(e.key, e.keyLoc)), loc)),
  values: ([value], loc) => withMap(value, loc, 'values', (entries) => list([...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.value), loc)),
  zipmap: ([keys, values], loc) =>
    unknownAmong([keys, values], loc) ??
    withList(keys, loc, 'zipmap', (names) =>
      withList(values, loc, 'zipmap', (items) => {
        if (names.length !== items.length) return failure('zipmap() needs lists of the same length', loc)
        const entries: MapEntry[] = []
        for (const [i, name] of names.entries()) {
          if (name.kind === 'unknown') return unknown(name.reason, loc, name.ref)
          const key = templateText(name)
          if (key === undefined || name.kind === 'list' || name.kind === 'map') return failure('zipmap() keys must be strings', loc)
          entries.push({ key, keyLoc: name.loc, value: items[i]! })
        }
        return { kind: 'map', entries, loc }
      }),
    ),
  contains: ([collection, wanted], loc) =>
    withList(collection, loc, 'contains', (items) => {
      if (!wanted || !isWhollyKnown(wanted)) return unknown('the value contains() looks for is not known', loc, wanted?.ref)
      if (items.some((item) => sameValue(item, wanted))) return bool(true, loc)
      return items.every(isWhollyKnown) ? bool(false, loc) : unknown('a list element is not known', loc)
    }),
  setproduct: (args, loc) => {
    const lists: Value[][] = []
    for (const arg of args) {
      if (arg.kind === 'unknown') return unknown(arg.reason, loc, arg.ref)
      if (arg.kind !== 'list') return failure('setproduct() needs lists', loc)
      lists.push(arg.items)
    }
    if (lists.length < 2) return failure('setproduct() needs at least two lists', loc)
    let product: Value[][] = [[]]
    for (const items of lists) product = product.flatMap((prefix) => items.map((item) => [...prefix, item]))
    return list(product.map((combination) => list(combination, loc)), loc)
  },
  range: (args, loc) => {
    const known = unknownAmong(args, loc)
    if (known) return known
    const numbers = args.map((arg) => (arg.kind === 'number' ? arg.value : Number.NaN))
    if (numbers.length === 0 || numbers.length > 3 || numbers.some(Number.isNaN)) return failure('range() needs one to three numbers', loc)
    const [start, limit, step] = numbers.length === 1 ? [0, numbers[0]!, 1] : [numbers[0]!, numbers[1]!, numbers[2] ?? (numbers[1]! >= numbers[0]! ? 1 : -1)]
    if (step === 0 || (step > 0 && limit < start) || (step < 0 && limit > start)) return start === limit ? list([], loc) : failure('range() step goes the wrong way', loc)
    const items: Value[] = []
    for (let n = start; step > 0 ? n < limit : n > limit; n += step) {
      if (items.length >= MAX_RANGE) return failure(`range() would give more than ${MAX_RANGE} elements`, loc)
      items.push(num(n, loc))
    }
    return list(items, loc)
  },
  reverse: ([value], loc) => withList(value, loc, 'reverse', (items) => list([...items].reverse(), loc)),
  sort: ([value], loc) =>
    withList(value, loc, 'sort', (items) => {
      const texts = items.map(templateText)
      if (items.some((item) => item.kind === 'unknown') || texts.some((t) => t === undefined)) return unknown('a list element is not known', loc)
      return list(items.map((item, i) => ({ item, text: texts[i]! })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).map((x) => x.item), loc)
    }),
  slice: ([value, from, to], loc) =>
    unknownAmong([from, to], loc) ??
    withList(value, loc, 'slice', (items) => {
      const [start, end] = [integer(from), integer(to)]
      if (start === undefined || end === undefined || start < 0 || end > items.length || start > end) return failure('slice() indexes are out of range', loc)
      return list(items.slice(start, end), loc)
    }),
  index: ([value, wanted], loc) =>
    withList(value, loc, 'index', (items) => {
      if (!wanted || !isWhollyKnown(wanted) || !items.every(isWhollyKnown)) return unknown('index() compares values that are not known', loc)
      const at = items.findIndex((item) => sameValue(item, wanted))
      return at >= 0 ? num(at, loc) : failure('index() did not find the value', loc)
    }),
  chunklist: ([value, size], loc) =>
    unknownAmong([size], loc) ??
    withList(value, loc, 'chunklist', (items) => {
      const n = integer(size)
      if (n === undefined || n < 0) return failure('chunklist() needs a size', loc)
      if (n === 0) return list([list(items, loc)], loc)
      const chunks: Value[] = []
      for (let i = 0; i < items.length; i += n) chunks.push(list(items.slice(i, i + n), loc))
      return list(chunks, loc)
    }),
  alltrue: ([value], loc) => withList(value, loc, 'alltrue', (items) => truth(items, loc, (bools) => bools.every(Boolean))),
  anytrue: ([value], loc) => withList(value, loc, 'anytrue', (items) => truth(items, loc, (bools) => bools.some(Boolean))),
  sum: ([value], loc) =>
    withList(value, loc, 'sum', (items) => {
      if (items.some((item) => item.kind === 'unknown')) return unknown('a list element is not known', loc)
      if (items.length === 0 || items.some((item) => item.kind !== 'number')) return failure('sum() needs a non-empty list of numbers', loc)
      return num(items.reduce((total, item) => total + (item as { value: number }).value, 0), loc)
    }),
  min: (args, loc) => extreme(args, loc, Math.min),
  max: (args, loc) => extreme(args, loc, Math.max),
  matchkeys: ([values, keys, searched], loc) =>
    unknownAmong([values, keys, searched], loc) ??
    withList(values, loc, 'matchkeys', (items) =>
      withList(keys, loc, 'matchkeys', (keyItems) =>
        withList(searched, loc, 'matchkeys', (wanted) => {
          if (items.length !== keyItems.length) return failure('matchkeys() needs lists of the same length', loc)
          if (![...keyItems, ...wanted].every(isWhollyKnown)) return unknown('matchkeys() compares values that are not known', loc)
          return list(items.filter((_, i) => wanted.some((w) => sameValue(w, keyItems[i]!))), loc)
        }),
      ),
    ),
}

function truth(items: Value[], loc: SourceRange, decide: (bools: boolean[]) => boolean): Value {
  if (items.some((item) => item.kind === 'unknown')) return unknown('a list element is not known', loc)
  const bools = items.map((item) => (item.kind === 'bool' ? item.value : item.kind === 'string' && (item.value === 'true' || item.value === 'false') ? item.value === 'true' : undefined))
  if (bools.some((b) => b === undefined)) return failure('expected a list of bools', loc)
  return bool(decide(bools as boolean[]), loc)
}

function extreme(args: Value[], loc: SourceRange, pick: (...values: number[]) => number): Value {
  const found = unknownAmong(args, loc)
  if (found) return found
  if (args.length === 0 || args.some((arg) => arg.kind !== 'number')) return failure('min() and max() need numbers', loc)
  return num(pick(...args.map((arg) => (arg as { value: number }).value)), loc)
}
