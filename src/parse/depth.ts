import { MAX_VALUE_DEPTH } from './limits.js'
import type { Diagnostic, ParsedUnit, RawResource } from './types.js'
import type { Value } from './value.js'

/*
 * The last bound on depth before extract: every parser refuses input nested past MAX_NESTING_DEPTH,
 * but evaluation can still stack values (a local holding a local holding …, YAML aliases of aliases).
 * Whatever lies deeper than MAX_VALUE_DEPTH in a resource becomes unknown, with a parse error where
 * it was cut, so no walk over values after parsing can exhaust the stack. Values may be shared
 * (aliases, references): heights are memoised per node and cut copies per node and depth, never mutated.
 */

/** Cuts every resource of the unit to MAX_VALUE_DEPTH; a cut is reported once per resource. */
export function boundValueDepth(unit: ParsedUnit, max = MAX_VALUE_DEPTH): void {
  const heights = new WeakMap<Value, number>()
  for (const resource of unit.resources) {
    if (heightOf(resource.body, heights) > max) resource.body = cut(resource, resource.body, max, heights, unit.diagnostics) as typeof resource.body
    if (resource.samGlobals && heightOf(resource.samGlobals, heights) > max) resource.samGlobals = cut(resource, resource.samGlobals, max, heights, unit.diagnostics) as typeof resource.samGlobals
  }
}

function children(value: Value): Value[] {
  return value.kind === 'list' ? value.items : value.kind === 'map' ? value.entries.map((e) => e.value) : []
}

/** Levels below and including `root` (a scalar is 1), without recursion. */
function heightOf(root: Value, heights: WeakMap<Value, number>): number {
  const stack: { value: Value; expanded: boolean }[] = [{ value: root, expanded: false }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (heights.has(top.value)) {
      stack.pop()
      continue
    }
    const inner = children(top.value)
    if (!top.expanded) {
      top.expanded = true
      for (const child of inner) if (!heights.has(child)) stack.push({ value: child, expanded: false })
      continue
    }
    stack.pop()
    let below = 0
    for (const child of inner) below = Math.max(below, heights.get(child) ?? 0)
    heights.set(top.value, below + 1)
  }
  return heights.get(root)!
}

function cut(resource: RawResource, root: Value, max: number, heights: WeakMap<Value, number>, diagnostics: Diagnostic[]): Value {
  const copies = new Map<Value, Map<number, Value>>()
  let reported = false
  // Recursion here is bounded by `max` levels: each call goes one level down and stops at the budget.
  const within = (value: Value, budget: number): Value => {
    if ((heights.get(value) ?? 0) <= budget) return value
    const known = copies.get(value)?.get(budget)
    if (known) return known
    let copy: Value
    if (budget <= 1) {
      copy = { kind: 'unknown', loc: value.loc, reason: `nested more than ${max} levels deep` }
      if (!reported) {
        reported = true
        diagnostics.push({ kind: 'parse-error', message: `${resource.address}: a value nested more than ${max} levels deep; policygate reads what lies deeper as unknown`, loc: value.loc })
      }
    } else if (value.kind === 'list') copy = { ...value, items: value.items.map((item) => within(item, budget - 1)) }
    else if (value.kind === 'map') copy = { ...value, entries: value.entries.map((e) => ({ ...e, value: within(e.value, budget - 1) })) }
    else copy = value
    if (!copies.has(value)) copies.set(value, new Map())
    copies.get(value)!.set(budget, copy)
    return copy
  }
  return within(root, max)
}
