// `node scripts/run-ts.mjs scripts/function-coverage.ts [dir]`: which Terraform functions the real-world
// corpus (or `dir`) calls, how often, and which of them the evaluator leaves unknown. Type constraints
// (`type = list(object({…}))`) are not calls and are left out.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isEvaluatedFunction } from '../src/parse/terraform/functions.js'
import { parseHclFile } from '../src/parse/terraform/hcl-syntax.js'
import type { Body, Expr, TemplatePart } from '../src/parse/terraform/syntax.js'
import { terraformParser } from '../src/parse/terraform/wasm.js'

const root = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'corpus', 'realworld')
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tf') && statSync(join(root, f)).isFile())
const parser = await terraformParser()
const calls = new Map<string, number>()
let opaque = 0

function visitParts(parts: TemplatePart[]): void {
  for (const part of parts) {
    if ('expr' in part) visit(part.expr)
    else if ('directive' in part && part.directive === 'if') [part.condition].forEach(visit), visitParts(part.then), visitParts(part.otherwise)
    else if ('directive' in part) visit(part.collection), visitParts(part.body)
  }
}

function visit(expr: Expr): void {
  switch (expr.kind) {
    case 'call':
      calls.set(expr.name, (calls.get(expr.name) ?? 0) + 1)
      return expr.args.forEach(visit)
    case 'template':
      return visitParts(expr.parts)
    case 'tuple':
      return expr.items.forEach(visit)
    case 'object':
      return expr.items.forEach((item) => (visit(item.key), visit(item.value)))
    case 'traverse':
      visit(expr.target)
      return expr.steps.forEach((step) => step.kind === 'index' && visit(step.key))
    case 'conditional':
      return [expr.condition, expr.then, expr.otherwise].forEach(visit)
    case 'unary':
      return visit(expr.operand)
    case 'binary':
      return [expr.left, expr.right].forEach(visit)
    case 'for':
      return [expr.collection, expr.value, ...(expr.key ? [expr.key] : []), ...(expr.condition ? [expr.condition] : [])].forEach(visit)
    case 'opaque':
      opaque++
      return
    default:
      return
  }
}

function body(block: Body): void {
  for (const attribute of block.attributes) if (attribute.name !== 'type') visit(attribute.value)
  for (const nested of block.blocks) body(nested.body)
}

for (const file of files) {
  const parsed = parseHclFile(parser, file, readFileSync(join(root, file), 'utf8'))
  if (parsed.file) body(parsed.file.body)
}
const rows = [...calls].sort((a, b) => b[1] - a[1])
const sites = (list: [string, number][]) => list.reduce((sum, [, n]) => sum + n, 0)
const evaluated = rows.filter(([name]) => isEvaluatedFunction(name))
const notEvaluated = rows.filter(([name]) => !isEvaluatedFunction(name))
console.log(`${files.length} .tf files, ${sites(rows)} function calls: ${sites(evaluated)} to ${evaluated.length} evaluated functions, ${sites(notEvaluated)} to ${notEvaluated.length} not evaluated; ${opaque} expressions not evaluated`)
console.log(`not evaluated: ${notEvaluated.map(([name, n]) => `${name} ×${n}`).join(', ') || 'none'}`)
console.log(`evaluated:     ${evaluated.map(([name, n]) => `${name} ×${n}`).join(', ')}`)
