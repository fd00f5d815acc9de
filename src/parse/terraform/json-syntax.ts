import type { Parser } from 'web-tree-sitter'
import type { SourceRange } from '../../model/source.js'
import { parseJsonValue } from '../json.js'
import type { MapValue, Value } from '../value.js'
import { parseJsonTemplate, type SyntaxProblem } from './hcl-syntax.js'
import type { Attribute, Block, Body, Expr, SyntaxFile } from './syntax.js'
import { spanOf } from './values.js'

/** How many labels each top-level block type has in Terraform JSON syntax (`resource.TYPE.NAME`). */
const LABELS: Record<string, number> = { resource: 2, data: 2, provider: 1, variable: 1, output: 1, module: 1, locals: 0, terraform: 0 }

type Converted = { file: SyntaxFile } | { problem: SyntaxProblem }

/**
 * Terraform JSON syntax (.tf.json) to the syntax tree: strings are templates (`"${var.x}"`),
 * except in variable blocks, whose defaults are literal values.
 */
export function parseTerraformJson(parser: Parser, path: string, text: string): Converted {
  const parsed = parseJsonValue(text, { file: path, line: 1, column: 1 })
  if (!parsed.value) return { problem: parsed.error! }
  if (parsed.value.kind !== 'map') return { problem: { message: 'a Terraform JSON file must hold an object', loc: parsed.value.loc } }
  const converter = new JsonConverter(parser)
  const body: Body = { attributes: [], blocks: [] }
  for (const { key, keyLoc, value } of parsed.value.entries) {
    const labels = LABELS[key]
    if (labels === undefined) continue
    for (const element of elements(value)) converter.blocks(key, keyLoc, labels, [], element, body.blocks)
  }
  return converter.problem ? { problem: converter.problem } : { file: { path, body, comments: [] } }
}

/** A .tfvars.json file: its properties are variable values, literal as written. */
export function parseJsonVariables(parser: Parser, path: string, text: string): Converted {
  const parsed = parseJsonValue(text, { file: path, line: 1, column: 1 })
  if (!parsed.value) return { problem: parsed.error! }
  if (parsed.value.kind !== 'map') return { problem: { message: 'a variables file must hold an object', loc: parsed.value.loc } }
  const body = new JsonConverter(parser, true).body(parsed.value)
  return { file: { path, body, comments: [] } }
}

function elements(value: Value): Value[] {
  return value.kind === 'list' ? value.items : [value]
}

class JsonConverter {
  problem: SyntaxProblem | undefined

  constructor(
    private readonly parser: Parser,
    private readonly literal = false,
  ) {}

  /** Descends `labels` levels of object keys (each may also be an array of objects), then reads the body. */
  blocks(type: string, typeRange: SourceRange, labels: number, names: string[], value: Value, into: Block[]): void {
    if (value.kind !== 'map') return
    if (labels === 0) {
      const body = type === 'variable' ? new JsonConverter(this.parser, true).body(value) : this.body(value)
      into.push({ type, typeRange, labels: names, body, range: value.loc })
      return
    }
    for (const { key, value: inner } of value.entries) {
      for (const element of elements(inner)) this.blocks(type, typeRange, labels - 1, [...names, key], element, into)
    }
  }

  body(map: MapValue): Body {
    const body: Body = { attributes: [], blocks: [] }
    for (const { key, keyLoc, value } of map.entries) {
      if (key === '//') continue
      if (key === 'dynamic' && value.kind === 'map' && !this.literal) {
        body.blocks.push(...this.dynamicBlocks(keyLoc, value))
        continue
      }
      const attribute: Attribute = { name: key, nameRange: keyLoc, value: this.expression(value), range: spanOf(keyLoc, value.loc) }
      body.attributes.push(attribute)
    }
    return body
  }

  /** `"dynamic": { "statement": { "for_each": …, "content": { … } } }` as the block HCL would write. */
  private dynamicBlocks(typeRange: SourceRange, value: MapValue): Block[] {
    return value.entries.flatMap(({ key, value: spec }) =>
      elements(spec).flatMap((element): Block[] => {
        if (element.kind !== 'map') return []
        const body = this.body({ ...element, entries: element.entries.filter((e) => e.key !== 'content') })
        const content = element.entries.find((e) => e.key === 'content')?.value
        if (content?.kind === 'map') body.blocks.push({ type: 'content', typeRange: content.loc, labels: [], body: this.body(content), range: content.loc })
        return [{ type: 'dynamic', typeRange, labels: [key], body, range: element.loc }]
      }),
    )
  }

  private expression(value: Value): Expr {
    switch (value.kind) {
      case 'map':
        return {
          kind: 'object',
          items: value.entries.map((e) => ({ key: { kind: 'literal', value: e.key, range: e.keyLoc }, value: this.expression(e.value) })),
          range: value.loc,
        }
      case 'list':
        return { kind: 'tuple', items: value.items.map((item) => this.expression(item)), range: value.loc }
      case 'string':
        return this.literal || !/[$%]\{/.test(value.value) ? { kind: 'literal', value: value.value, range: value.loc } : this.template(value.value, value.loc)
      case 'number':
      case 'bool':
        return { kind: 'literal', value: value.value, range: value.loc }
      default:
        return { kind: 'literal', value: null, range: value.loc }
    }
  }

  private template(text: string, range: SourceRange): Expr {
    const parsed = parseJsonTemplate(this.parser, text, range)
    if ('kind' in parsed) return parsed
    this.problem ??= { message: `invalid template in string: ${parsed.message}`, loc: range }
    return { kind: 'literal', value: text, range }
  }
}
