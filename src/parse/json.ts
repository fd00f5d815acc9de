import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'
import type { SourceRange } from '../model/source.js'
import { jsonNestingExcess, tooDeepMessage } from './limits.js'
import { LineIndex } from './lines.js'
import type { Value } from './value.js'

/** Where JSON text sits in a file: line/column of its first character, or a fixed range when it cannot be mapped line by line. */
export type JsonOrigin =
  | { file: string; line: number; column: number; dedent?: number }
  | { file: string; fixed: SourceRange }

export interface JsonParse {
  value?: Value
  /** The first syntax error, with its file position. */
  error?: { message: string; loc: SourceRange }
}

/**
 * Strict JSON to a positioned Value: for JSON templates, plans, .tf.json and JSON embedded in strings
 * (heredoc policies, CloudFormation policy strings) whose lines map back to the file through `origin`.
 */
export function parseJsonValue(text: string, origin: JsonOrigin): JsonParse {
  const lines = new LineIndex(text)
  const rangeOf = (offset: number, length: number): SourceRange => {
    if ('fixed' in origin) return origin.fixed
    const start = lines.position(offset)
    const end = lines.position(offset + length)
    const shift = (line: number, column: number) => (line === 1 ? origin.column + column - 1 : column + (origin.dedent ?? 0))
    return {
      file: origin.file,
      startLine: origin.line + start.line - 1,
      endLine: origin.line + end.line - 1,
      startColumn: shift(start.line, start.column),
      endColumn: shift(end.line, end.column),
    }
  }
  // jsonc-parser and toValue recurse once per level: past the limit the text is refused before either runs.
  const tooDeep = jsonNestingExcess(text)
  if (tooDeep >= 0) return { error: { message: `invalid JSON: ${tooDeepMessage('arrays and objects')}`, loc: rangeOf(tooDeep, 1) } }
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length > 0 || !root) {
    const first = errors[0]
    const loc = rangeOf(first?.offset ?? 0, first?.length ?? 0)
    return { error: { message: `invalid JSON: ${first ? printParseErrorCode(first.error) : 'empty document'}`, loc } }
  }
  return { value: toValue(root, rangeOf) }
}

function toValue(node: Node, rangeOf: (offset: number, length: number) => SourceRange): Value {
  const loc = rangeOf(node.offset, node.length)
  switch (node.type) {
    case 'object':
      return {
        kind: 'map',
        loc,
        entries: (node.children ?? []).map((property) => {
          const [key, value] = property.children as [Node, Node]
          return { key: String(key.value), keyLoc: rangeOf(key.offset, key.length), value: toValue(value, rangeOf) }
        }),
      }
    case 'array':
      return { kind: 'list', loc, items: (node.children ?? []).map((child) => toValue(child, rangeOf)) }
    case 'string':
      return { kind: 'string', loc, value: node.value as string }
    case 'number':
      return { kind: 'number', loc, value: node.value as number }
    case 'boolean':
      return { kind: 'bool', loc, value: node.value as boolean }
    default:
      return { kind: 'null', loc }
  }
}
