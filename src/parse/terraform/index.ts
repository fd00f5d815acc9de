import type { Parser } from 'web-tree-sitter'
import type { RepoReader } from '../../sources/reader.js'
import type { Diagnostic, ParsedUnit, RawInput, RawResource } from '../types.js'
import { evaluateBody } from './body.js'
import { evaluate } from './evaluate.js'
import { takeRefusal } from './refusals.js'
import { parseHclFile, type HclParse } from './hcl-syntax.js'
import { parseJsonVariables, parseTerraformJson } from './json-syntax.js'
import { literalsOf } from './literals.js'
import { addressOf, blockScope, declareModule, isRepeated, type Module } from './module.js'
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
}

const MODES: Record<string, RawResource['mode']> = { resource: 'resource', data: 'data', provider: 'provider', module: 'module' }

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
    const module = declareModule(input.dir, input.reader, parser, configs, variableFiles)
    for (const file of configs) unit.resources.push(...resourcesOf(module, file, unit.diagnostics))
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
  if (path.endsWith('.tfvars.json')) return parseJsonVariables(parser, path, text)
  if (path.endsWith('.json')) return parseTerraformJson(parser, path, text)
  return parseHclFile(parser, path, text)
}

function isVariablesFile(path: string): boolean {
  return path.endsWith('.tfvars') || path.endsWith('.tfvars.json')
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
        type: block.type === 'module' ? 'module' : block.labels[0]!,
        address: addressOf(block)!,
        loc: block.range,
        body: evaluateBody(block.body, blockScope(module, block), block.range),
        suppressions: suppressions.get(block) ?? [],
        ...(isRepeated(block) ? { repeated: true } : {}),
      })
      const refusal = takeRefusal()
      if (refusal) diagnostics.push({ kind: 'parse-error', message: `${addressOf(block)}: ${refusal.message}`, loc: refusal.loc })
    } catch (error) {
      diagnostics.push(failed(file.path, `${addressOf(block)} could not be evaluated`, error, block.range.startLine))
    }
  }
  return resources
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
