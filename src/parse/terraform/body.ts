import type { SourceRange } from '../../model/source.js'
import type { ListValue, MapEntry, MapValue, Value } from '../value.js'
import { evaluate } from './evaluate.js'
import { remember, type Scope } from './module.js'
import { attribute, type Block, type Body } from './syntax.js'
import { spanOf, unknown } from './values.js'

/**
 * A block body as hcl2json shapes it: attributes by name, nested blocks as a list of `block: true`
 * maps under their type, and a `dynamic "x"` block as one element built from its `content`.
 */
export function evaluateBody(body: Body, scope: Scope, loc: SourceRange): MapValue {
  const entries: MapEntry[] = body.attributes.map((a) => ({
    key: a.name,
    keyLoc: a.nameRange,
    // An attribute's value does not depend on where it is evaluated from (bound names are all unknown): evaluate it once.
    value: remember(scope.module, a, () => evaluate(a.value, scope), a.value.range),
  }))
  const groups = new Map<string, Block[]>()
  for (const block of body.blocks) {
    const type = block.type === 'dynamic' ? block.labels[0] : block.type
    if (type === undefined) continue
    groups.set(type, [...(groups.get(type) ?? []), block])
  }
  for (const [type, blocks] of groups) entries.push({ key: type, keyLoc: blocks[0]!.typeRange, value: evaluateBlocks(blocks, scope) })
  return { kind: 'map', entries, loc, block: true }
}

/** Blocks of one type as the list hcl2json gives. */
export function evaluateBlocks(blocks: Block[], scope: Scope): ListValue {
  const items: Value[] = []
  for (const block of blocks) {
    if (block.type !== 'dynamic') {
      items.push(evaluateBody(block.body, scope, block.range))
      continue
    }
    const content = block.body.blocks.find((b) => b.type === 'content')
    if (content) items.push(evaluateBody(content.body, dynamicScope(block, scope), block.range))
  }
  return { kind: 'list', items, loc: spanOf(blocks[0]!.range, blocks[blocks.length - 1]!.range) }
}

/** Inside `content`, the iterator (`iterator = name`, else the block's label) stands for every element at once: unknown. */
function dynamicScope(block: Block, scope: Scope): Scope {
  const iteratorExpr = attribute(block.body, 'iterator')?.value
  const iterator = iteratorExpr?.kind === 'variable' ? iteratorExpr.name : block.labels[0]!
  const names = new Map(scope.names)
  names.set(iterator, unknown(`the dynamic "${block.labels[0]}" iterator differs per element`, block.range, iterator))
  return { ...scope, names }
}
