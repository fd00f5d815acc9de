import type { Parser } from 'web-tree-sitter'
import type { RepoReader } from '../../sources/reader.js'
import type { Value } from '../value.js'
import { attribute, type Attribute, type Block, type Expr, type SyntaxFile } from './syntax.js'
import { unknown } from './values.js'

/** Everything a module declares, across its files, and the memory of what was already evaluated. */
export interface Module {
  dir: string
  reader: RepoReader
  parser: Parser
  variables: Map<string, { block: Block; assigned?: Expr }>
  locals: Map<string, Attribute>
  /** `aws_iam_role.app`, `data.aws_iam_policy_document.x`: the first declaration of each address. */
  blocks: Map<string, Block>
  /** Evaluated values by syntax node (attributes, locals, policy documents), so every reference sees the same value. */
  memo: Map<object, Value>
  evaluating: Set<object>
}

/** Where an expression is evaluated: its module, and the names bound around it. */
export interface Scope {
  module: Module
  /** count, each, self, dynamic iterators, templatefile variables: bound to values (mostly unknown). */
  names?: Map<string, Value>
  /** Set inside a templatefile() template: it sees only its own variables. */
  template?: { variablesKnown: boolean }
}

export function declareModule(dir: string, reader: RepoReader, parser: Parser, files: SyntaxFile[], variableFiles: SyntaxFile[]): Module {
  const module: Module = { dir, reader, parser, variables: new Map(), locals: new Map(), blocks: new Map(), memo: new Map(), evaluating: new Set() }
  for (const file of files) {
    for (const block of file.body.blocks) {
      const address = addressOf(block)
      if (block.type === 'variable' && block.labels[0] !== undefined) module.variables.set(block.labels[0], { block })
      else if (block.type === 'locals') for (const local of block.body.attributes) module.locals.set(local.name, local)
      else if (address && !module.blocks.has(address)) module.blocks.set(address, block)
    }
  }
  // Terraform loads terraform.tfvars first, then *.auto.tfvars in name order; later values win.
  for (const file of [...variableFiles].sort(byLoadOrder)) {
    for (const assignment of file.body.attributes) {
      const declared = module.variables.get(assignment.name)
      if (declared) declared.assigned = assignment.value
    }
  }
  return module
}

function byLoadOrder(a: SyntaxFile, b: SyntaxFile): number {
  const rank = (path: string) => (/(^|\/)terraform\.tfvars(\.json)?$/.test(path) ? 0 : 1)
  return rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
}

/** `aws_iam_role.app`, `data.aws_iam_policy_document.x`, `module.vpc`, `provider.aws(.alias)`; undefined for other blocks. */
export function addressOf(block: Block): string | undefined {
  const [first, second] = block.labels
  if (block.type === 'resource' && first && second) return `${first}.${second}`
  if (block.type === 'data' && first && second) return `data.${first}.${second}`
  if (block.type === 'module' && first) return `module.${first}`
  if (block.type === 'provider' && first) {
    const alias = attribute(block.body, 'alias')?.value
    return alias?.kind === 'literal' && typeof alias.value === 'string' ? `provider.${first}.${alias.value}` : `provider.${first}`
  }
  return undefined
}

export function isRepeated(block: Block): boolean {
  return attribute(block.body, 'count') !== undefined || attribute(block.body, 'for_each') !== undefined
}

/** The scope of a resource, data source or module block: its instance keys are unknown (it is evaluated once). */
export function blockScope(module: Module, block: Block): Scope {
  const names = new Map<string, Value>()
  const here = block.range
  if (attribute(block.body, 'count')) names.set('count', unknown('count.index differs per instance', here, 'count.index'))
  if (attribute(block.body, 'for_each')) names.set('each', unknown('each.key and each.value differ per instance', here, 'each'))
  names.set('self', unknown('self is only known after apply', here, 'self'))
  return { module, names }
}

/** Evaluates once per key; a key met again while still being evaluated is a reference cycle, hence unknown. */
export function remember(module: Module, key: object, compute: () => Value, cycleLoc: Value['loc']): Value {
  const known = module.memo.get(key)
  if (known) return known
  if (module.evaluating.has(key)) return unknown('reference cycle', cycleLoc)
  module.evaluating.add(key)
  try {
    const value = compute()
    module.memo.set(key, value)
    return value
  } finally {
    module.evaluating.delete(key)
  }
}
