import type { Parser } from 'web-tree-sitter'
import type { RepoReader } from '../../sources/reader.js'
import { firstLine, type SourceRange } from '../../model/source.js'
import type { Diagnostic } from '../types.js'
import type { Value } from '../value.js'
import { attribute, type Attribute, type Block, type Expr, type SyntaxFile } from './syntax.js'
import { evaluate } from './evaluate.js'
import { parseHclFile } from './hcl-syntax.js'
import { failure, mapLocations, unknown } from './values.js'

/** Everything a module declares, across its files, and the memory of what was already evaluated. */
export interface Module {
  dir: string
  reader: RepoReader
  parser: Parser
  variables: Map<string, Variable>
  locals: Map<string, Attribute>
  /** `aws_iam_role.app`, `data.aws_iam_policy_document.x`, `module.roles`: the first declaration of each address. */
  blocks: Map<string, Block>
  outputs: Map<string, Block>
  /** Evaluated values by syntax node (attributes, locals, policy documents), so every reference sees the same value. */
  memo: Map<object, Value>
  evaluating: Set<object>
  /** `module.roles["ops"].` inside that instance of a called module, '' in a module evaluated as a root. */
  prefix: string
  /** Its key in `.terraform/modules/modules.json`: the call names from the root, joined by dots ('' for the root). */
  key: string
  /** The calls that lead to this instance, outermost first (empty for a root). */
  via: CallSite[]
  /** Every module the calls below the root read, found before evaluation starts (loading is asynchronous, evaluation is not). */
  tree: ModuleTree
  /** The instances of each module call of this module, created once. */
  instances: Map<Block, ModuleInstance[]>
  /** Its .tf / .tf.json files. */
  files: SyntaxFile[]
}

/** A variable as declared, with what sets it: a caller's argument (in the caller's scope), a variables file, or its default. */
export interface Variable {
  block: Block
  assigned?: Expr
  /** A value given outside the configuration (`--var`), positioned at the variable's declaration. */
  preset?: Value
  /** The caller's argument for it, evaluated when first used, in the caller's scope: it keeps the caller's lines. */
  given?: { expr: Expr; scope: Scope }
}

/** One module call on the way to an instance: its full address and where the call is written. */
export interface CallSite {
  address: string
  loc: SourceRange
}

/** One instance of a module call: `each.key` / `count.index`, or none when the call is not repeated or its keys are unknown. */
export interface ModuleInstance {
  module: Module
  key?: string | number
  /** The call's count/for_each is not known: this one instance stands for all of them. */
  repeated: boolean
}

/** What a module call reads: the module's files, or why it cannot be read. */
export type ChildSource = { dir: string; files: SyntaxFile[] } | { unresolved: string; loc: SourceRange }

export interface ModuleTree {
  /** By module key ('roles', 'roles.policy'). */
  children: Map<string, ChildSource>
  /** Unresolved module calls and unreadable module files, reported once per call. */
  diagnostics: Diagnostic[]
}

export interface ModuleOptions {
  /** Variable files given for the run (`-var-file`), applied after the auto-loaded ones, in order. */
  givenVariableFiles?: SyntaxFile[]
  /** `-var name=value`, applied last. */
  givenVariables?: { name: string; value: string }[]
  prefix?: string
  key?: string
  via?: CallSite[]
  tree?: ModuleTree
}

/** Where an expression is evaluated: its module, and the names bound around it. */
export interface Scope {
  module: Module
  /** count, each, self, dynamic iterators, templatefile variables: bound to values (mostly unknown). */
  names?: Map<string, Value>
  /** Set inside a templatefile() template: it sees only its own variables. */
  template?: { variablesKnown: boolean }
}

export function declareModule(dir: string, reader: RepoReader, parser: Parser, files: SyntaxFile[], variableFiles: SyntaxFile[], options: ModuleOptions = {}): Module {
  const module: Module = {
    dir, reader, parser, variables: new Map(), locals: new Map(), blocks: new Map(), outputs: new Map(), memo: new Map(), evaluating: new Set(),
    prefix: options.prefix ?? '', key: options.key ?? '', via: options.via ?? [], tree: options.tree ?? { children: new Map(), diagnostics: [] }, instances: new Map(), files,
  }
  for (const file of files) {
    for (const block of file.body.blocks) {
      const address = addressOf(block)
      if (block.type === 'variable' && block.labels[0] !== undefined) module.variables.set(block.labels[0], { block })
      else if (block.type === 'output' && block.labels[0] !== undefined) module.outputs.set(block.labels[0], block)
      else if (block.type === 'locals') for (const local of block.body.attributes) module.locals.set(local.name, local)
      else if (address && !module.blocks.has(address)) module.blocks.set(address, block)
    }
  }
  // Terraform loads terraform.tfvars first, then *.auto.tfvars in name order; later values win.
  for (const file of [...[...variableFiles].sort(byLoadOrder), ...(options.givenVariableFiles ?? [])]) {
    for (const assignment of file.body.attributes) {
      const declared = module.variables.get(assignment.name)
      if (declared) declared.assigned = assignment.value
    }
  }
  for (const { name, value } of options.givenVariables ?? []) {
    const declared = module.variables.get(name)
    if (declared) declared.preset = commandLineValue(module, declared.block, value)
  }
  return module
}

/**
 * A `-var` value: the text itself for a variable of a primitive type (or none), else an HCL expression,
 * as Terraform reads it. It has no line in any file: it is placed at the variable's declaration.
 */
function commandLineValue(module: Module, declaration: Block, text: string): Value {
  const at = firstLine(declaration.range)
  const type = attribute(declaration.body, 'type')?.value
  const primitive = !type || (type.kind === 'variable' && ['string', 'number', 'bool'].includes(type.name))
  if (primitive) return { kind: 'string', value: text, loc: at }
  const parsed = parseHclFile(module.parser, at.file, `value = ${text}\n`).file
  const expr = parsed && !parsed.body.blocks.length ? attribute(parsed.body, 'value')?.value : undefined
  if (!expr) return failure(`the -var value for ${declaration.labels[0]} is not an HCL expression`, at)
  return mapLocations(evaluate(expr, { module }), () => at)
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
