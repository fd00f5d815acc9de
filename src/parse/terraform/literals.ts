import type { RawLiteral } from '../types.js'
import type { Body, Expr, SyntaxFile } from './syntax.js'

/** Every string literal written in the files, with the attribute or object key it is the value of: secrets can hide anywhere. */
export function literalsOf(files: SyntaxFile[]): RawLiteral[] {
  const literals: RawLiteral[] = []
  for (const file of files) collectBody(file.body, literals)
  return literals
}

function collectBody(body: Body, into: RawLiteral[]): void {
  for (const attribute of body.attributes) collect(attribute.value, attribute.name, into)
  for (const block of body.blocks) collectBody(block.body, into)
}

function collect(expr: Expr, key: string | undefined, into: RawLiteral[]): void {
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string') into.push(key === undefined ? { value: expr.value, loc: expr.range } : { key, value: expr.value, loc: expr.range })
      return
    case 'template':
      for (const part of expr.parts) if ('expr' in part) collect(part.expr, key, into)
      return
    case 'tuple':
      for (const item of expr.items) collect(item, key, into)
      return
    case 'object':
      for (const item of expr.items) collect(item.value, keyName(item.key) ?? key, into)
      return
    case 'call':
      for (const arg of expr.args) collect(arg, key, into)
      return
    case 'conditional':
      collect(expr.then, key, into)
      collect(expr.otherwise, key, into)
      return
    case 'binary':
      collect(expr.left, key, into)
      collect(expr.right, key, into)
      return
    default:
      return
  }
}

function keyName(key: Expr): string | undefined {
  if (key.kind === 'variable') return key.name
  return key.kind === 'literal' && typeof key.value === 'string' ? key.value : undefined
}
