import type { Parser } from 'web-tree-sitter'
import type { RepoReader } from '../../sources/reader.js'
import type { MapValue } from '../value.js'
import type { GivenInputs } from '../given-inputs.js'
import type { Diagnostic, ParsedUnit, RawInput, RawNamedValue, RawResource } from '../types.js'
import { evaluateBody } from './body.js'
import { evaluate } from './evaluate.js'
import { takeRefusal } from './refusals.js'
import { parseHclFile, type HclParse } from './hcl-syntax.js'
import { parseJsonVariables, parseTerraformJson } from './json-syntax.js'
import { literalsOf } from './literals.js'
import { addressOf, blockScope, declareModule, isRepeated, remember, type Module } from './module.js'
import { moduleInstances } from './module-calls.js'
import { policyDocument } from './policy-document.js'
import { loadModuleTree } from './module-sources.js'
import { confirmProblem } from './parse-errors.js'
import { fileFailure as failed } from '../files.js'
import { suppressionsByBlock } from './suppressions.js'
import { attribute, type Block, type SyntaxFile } from './syntax.js'
import { isWasmAbort, markParserAborted, ParserAborted, parserAbortedOn, terraformParser } from './wasm.js'

export { locateWasm, ParserAborted, WASM_FILES } from './wasm.js'

export interface TerraformModuleInput {
  /** Module directory, relative to the scan root (POSIX). */
  dir: string
  /** Its .tf / .tf.json / auto-loaded .tfvars files, relative to the scan root, with their text. */
  files: { path: string; text: string }[]
  /** For file() and templatefile(): confined to the repository. */
  reader: RepoReader
  /** `-var-file` and `-var` values given for the run: every module evaluated as a root takes those it declares. */
  given?: Pick<GivenInputs, 'varFiles' | 'vars'>
}

const MODES: Record<string, RawResource['mode']> = { resource: 'resource', data: 'data', provider: 'provider' }

/**
 * Parses and evaluates one Terraform module directory. A file that cannot be parsed becomes a
 * parse-error diagnostic and the other files are still evaluated; this never throws.
 */
export async function parseTerraformModule(input: TerraformModuleInput): Promise<ParsedUnit> {
  const unit: ParsedUnit = { framework: 'terraform', files: input.files.map((f) => f.path), resources: [], inputs: [], literals: [], diagnostics: [] }
  let parser: Parser
  try {
    parser = await terraformParser()
  } catch (error) {
    if (error instanceof ParserAborted) throw error
    unit.diagnostics.push(failed(input.files[0]?.path ?? input.dir, 'the HCL parser could not be loaded', error))
    return unit
  }
  const configs: SyntaxFile[] = []
  const variableFiles: SyntaxFile[] = []
  for (const source of input.files) {
    const file = await readFile(parser, source, unit.diagnostics)
    if (file) (isVariablesFile(source.path) ? variableFiles : configs).push(file)
  }
  // What was found before a failure is kept: the failure is one more parse error.
  try {
    const tree = await loadModuleTree(input.dir, configs, input.reader, (source) => readFile(parser, source, unit.diagnostics))
    const givenVariableFiles: SyntaxFile[] = []
    for (const source of input.given?.varFiles ?? []) {
      const file = await readFile(parser, source, unit.diagnostics)
      if (file) givenVariableFiles.push(file)
    }
    const module = declareModule(input.dir, input.reader, parser, configs, variableFiles, { tree, givenVariableFiles, givenVariables: input.given?.vars })
    unit.resources.push(...moduleResources(module, unit.diagnostics))
    unit.namedValues = configs.flatMap((file) => namedValuesOf(module, file, unit.diagnostics))
    unit.diagnostics.push(...tree.diagnostics)
    unit.inputs = configs.flatMap(inputsOf)
    unit.literals = literalsOf([...configs, ...variableFiles])
  } catch (error) {
    const first = input.files[0]?.path ?? input.dir
    if (isWasmAbort(error)) markParserAborted(first)
    if (parserAbortedOn() !== undefined) throw new ParserAborted(parserAbortedOn()!)
    unit.diagnostics.push(failed(first, 'the module could not be evaluated', error))
  }
  return unit
}

async function readFile(parser: Parser, source: { path: string; text: string }, diagnostics: Diagnostic[]): Promise<SyntaxFile | undefined> {
  let parsed: HclParse
  try {
    parsed = syntaxOf(parser, source.path, source.text)
  } catch (error) {
    // The parser is unusable after an abort: the pool parses the module again, without this file, with a fresh one.
    if (isWasmAbort(error)) {
      markParserAborted(source.path)
      throw new ParserAborted(source.path)
    }
    diagnostics.push(failed(source.path, 'the file could not be read', error))
    return undefined
  }
  if (parsed.problem) {
    const isJson = source.path.endsWith('.json')
    const diagnostic = isJson || parsed.problem.limit ? { kind: 'parse-error' as const, message: parsed.problem.message, loc: parsed.problem.loc } : await confirmProblem(source.path, source.text, parsed.problem)
    if (diagnostic) {
      diagnostics.push(diagnostic)
      return undefined
    }
  }
  return parsed.file
}

function syntaxOf(parser: Parser, path: string, text: string): HclParse {
  if (path.endsWith('.tfvars.json') || (path.endsWith('.json') && /\.tfvars\b/.test(path))) return parseJsonVariables(parser, path, text)
  if (path.endsWith('.json')) return parseTerraformJson(parser, path, text)
  return parseHclFile(parser, path, text)
}

function isVariablesFile(path: string): boolean {
  return path.endsWith('.tfvars') || path.endsWith('.tfvars.json')
}

/** The module's own resources, then each module call's instances' resources, to any depth. */
function moduleResources(module: Module, diagnostics: Diagnostic[]): RawResource[] {
  const resources = module.files.flatMap((file) => resourcesOf(module, file, diagnostics))
  for (const call of module.files.flatMap((file) => file.body.blocks).filter((b) => b.type === 'module' && b.labels[0] !== undefined)) {
    try {
      if (module.blocks.get(`module.${call.labels[0]}`) !== call) continue
      for (const instance of moduleInstances(module, call)) {
        const created = moduleResources(instance.module, diagnostics)
        resources.push(...(instance.repeated ? created.map((r) => ({ ...r, repeated: true })) : created))
      }
    } catch (error) {
      diagnostics.push(failed(call.range.file, `module.${call.labels[0]} could not be evaluated`, error, call.range.startLine))
    }
  }
  return resources
}

function resourcesOf(module: Module, file: SyntaxFile, diagnostics: Diagnostic[]): RawResource[] {
  const blocks = file.body.blocks.filter((b) => MODES[b.type] && addressOf(b))
  const suppressions = suppressionsByBlock(file, blocks)
  const resources: RawResource[] = []
  for (const block of blocks) {
    try {
      if (hasNoInstances(module, block)) continue
      resources.push({
        framework: 'terraform',
        mode: MODES[block.type]!,
        type: block.labels[0]!,
        address: module.prefix + addressOf(block)!,
        loc: block.range,
        body: withComputedAttributes(module, block, evaluateBody(block.body, blockScope(module, block), block.range)),
        suppressions: suppressions.get(block) ?? [],
        ...(isRepeated(block) ? { repeated: true } : {}),
        ...(module.via.length > 0 ? { via: module.via } : {}),
      })
      const refusal = takeRefusal()
      if (refusal) diagnostics.push({ kind: 'parse-error', message: `${addressOf(block)}: ${refusal.message}`, loc: refusal.loc })
    } catch (error) {
      diagnostics.push(failed(file.path, `${module.prefix}${addressOf(block)} could not be evaluated`, error, block.range.startLine))
    }
  }
  return resources
}

/** A data source's attributes Terraform computes without calling AWS: aws_iam_policy_document's `json`, the policy it writes. */
function withComputedAttributes(module: Module, block: Block, body: MapValue): MapValue {
  if (block.type !== 'data' || block.labels[0] !== 'aws_iam_policy_document') return body
  return { ...body, entries: [...body.entries, { key: 'json', keyLoc: block.typeRange, value: policyDocument(module, block) }] }
}

/** Locals and outputs, each evaluated once (a reference to them sees the same value). */
function namedValuesOf(module: Module, file: SyntaxFile, diagnostics: Diagnostic[]): RawNamedValue[] {
  const blocks = file.body.blocks.filter((b) => b.type === 'locals' || (b.type === 'output' && b.labels[0] !== undefined))
  const suppressions = suppressionsByBlock(file, blocks)
  const values: RawNamedValue[] = []
  for (const block of blocks) {
    const attributes = block.type === 'locals' ? block.body.attributes.map((a) => [`local.${a.name}`, a] as const) : [[`output.${block.labels[0]}`, attribute(block.body, 'value')] as const]
    for (const [address, written] of attributes) {
      if (!written) continue
      try {
        const value = remember(module, written, () => evaluate(written.value, { module }), written.value.range)
        values.push({ address, loc: block.type === 'locals' ? written.range : block.range, value, suppressions: suppressions.get(block) ?? [] })
        // Taken here so it cannot leak into the next block read; a file already cut once says so once.
        const refusal = takeRefusal()
        if (refusal && !diagnostics.some((d) => d.kind === 'parse-error' && d.loc.file === refusal.loc.file)) diagnostics.push({ kind: 'parse-error', message: `${address}: ${refusal.message}`, loc: refusal.loc })
      } catch (error) {
        diagnostics.push(failed(file.path, `${address} could not be evaluated`, error, written.range.startLine))
      }
    }
  }
  return values
}

/**
 * `count = 0` or an empty `for_each`, as the source determines them (e.g. `count = var.create ? 1 : 0`
 * with `create` defaulting to false): Terraform creates no instance, so there is nothing to judge.
 */
function hasNoInstances(module: Module, block: Block): boolean {
  const count = attribute(block.body, 'count')
  if (count) {
    const value = evaluate(count.value, { module })
    return value.kind === 'number' && value.value === 0
  }
  const forEach = attribute(block.body, 'for_each')
  if (!forEach) return false
  const value = evaluate(forEach.value, { module })
  return (value.kind === 'list' && value.items.length === 0) || (value.kind === 'map' && value.entries.length === 0)
}

function inputsOf(file: SyntaxFile): RawInput[] {
  return file.body.blocks
    .filter((b) => b.type === 'variable' && b.labels[0] !== undefined)
    .map((block: Block) => {
      const input: RawInput = { framework: 'terraform', name: block.labels[0]!, loc: block.range, hidden: false }
      const sensitive = attribute(block.body, 'sensitive')
      if (sensitive) {
        input.hidden = sensitive.value.kind === 'literal' && sensitive.value.value === true
        input.hiddenLoc = sensitive.range
      }
      const fallback = attribute(block.body, 'default')?.value
      if (fallback?.kind === 'literal' && typeof fallback.value === 'string') input.defaultValue = { kind: 'string', value: fallback.value, loc: fallback.range }
      return input
    })
}
