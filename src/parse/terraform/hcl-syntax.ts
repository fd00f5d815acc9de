import type { Node, Parser, Tree } from 'web-tree-sitter'
import type { SourceRange } from '../../model/source.js'
import { MAX_NESTING_DEPTH, tooDeepMessage } from '../limits.js'
import { CstNode, CstSource } from './cst.js'
import type { Attribute, Block, Body, Comment, Expr, ObjectItem, Step, SyntaxFile, TemplateDirective, TemplatePart, TextOrigin } from './syntax.js'
import { flushHeredoc, unescapeHeredoc, unescapeQuoted } from './template-text.js'

/** A file tree-sitter could not read, or that HCL would reject (found cheaply while converting). */
export interface SyntaxProblem {
  message: string
  loc: SourceRange
  /** Found by the cheap HCL checks on a file tree-sitter read: HCL itself confirms it or not. */
  suspected?: boolean
  /** HCL is not asked about it: a limit of policygate's own (src/parse/limits.ts), or a broken file nested too deep for HCL's parser. */
  limit?: boolean
}

/** Thrown by the converter past MAX_NESTING_DEPTH; the conversion ends with a problem at that node. */
class NestingTooDeep extends Error {
  constructor(readonly node: CstNode) {
    super(tooDeepMessage('expressions and blocks'))
  }
}

/** The syntax tree when there is one, and the first problem found (with a tree, only a suspected one). */
export interface HclParse {
  file?: SyntaxFile
  problem?: SyntaxProblem
}

/** Text that can hold a comment: without any of these, looking for comment nodes is skipped. */
const MAY_HOLD_COMMENT = /#|\/\/|\/\*/

/** HCL native syntax (.tf, .tfvars) to the positioned syntax tree; the tree-sitter tree is freed before returning. */
export function parseHclFile(parser: Parser, path: string, text: string): HclParse {
  const tree = parser.parse(text)
  if (!tree) return { problem: { message: 'the file could not be parsed', loc: { file: path, startLine: 1, endLine: 1 } } }
  try {
    const source = new CstSource(text, tree)
    const converter = new Converter(text, path, (node) => rangeAt(path, node))
    const root = source.root
    if (root.node.hasError) {
      const bad = firstError(root.node)
      const what = bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.length > 40 ? `${bad.text.slice(0, 40)}…` : bad.text)}`
      // HCL's own parser (asked to word the error) recurses per level and dies with the whole process on deep input.
      return { problem: { message: `syntax error: ${what}`, loc: converter.rangeOf(new CstNode(bad, source)), ...(deeperThan(tree, MAX_TREE_DEPTH) ? { limit: true } : {}) } }
    }
    const content = root.children.find((child) => child.isNamed && child.type !== 'comment')
    const body = content?.type === 'body' ? converter.body(content) : { attributes: [], blocks: [] }
    if (content?.type === 'object') converter.problem('a configuration file must contain arguments and blocks, not an object', content)
    const commentNodes = MAY_HOLD_COMMENT.test(text) ? root.node.descendantsOfType('comment') : []
    const comments = commentNodes.map((raw): Comment => {
      const node = new CstNode(raw, source)
      return {
        text: node.text,
        range: converter.rangeOf(node),
        trailing: text.slice(text.lastIndexOf('\n', node.startIndex - 1) + 1, node.startIndex).trim() !== '',
      }
    })
    return { file: { path, body, comments }, problem: converter.firstProblem }
  } catch (error) {
    if (error instanceof NestingTooDeep) return { problem: { message: error.message, loc: rangeAt(path, error.node), limit: true } }
    throw error
  } finally {
    tree.delete()
  }
}

/** A template's text (templatefile() contents) as a template expression positioned in `file`. */
export function parseTemplateText(parser: Parser, file: string, text: string): Expr | SyntaxProblem {
  let marker = 'POLICYGATE_TEMPLATE'
  while (text.includes(marker)) marker += '_'
  const wrapped = `x = <<${marker}\n${text}\n${marker}\n`
  // The wrapper adds one line above the template: shift every position back by it.
  const converted = convertSingleExpression(parser, wrapped, file, (node) => shiftedRange(file, node, -1))
  if ('message' in converted) return converted
  // The heredoc starts on the wrapper's own line: the template as a whole starts at the file's first line.
  return dropFinalNewline({ ...converted, range: { ...converted.range, startLine: 1, startColumn: 1 } })
}

/** A Terraform JSON string that holds `${…}` or `%{…}`: parsed as a quoted template, every position the string's own. */
export function parseJsonTemplate(parser: Parser, value: string, range: SourceRange): Expr | SyntaxProblem {
  const escaped = value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)
  return convertSingleExpression(parser, `x = "${escaped}"\n`, range.file, () => range)
}

function convertSingleExpression(parser: Parser, wrapped: string, file: string, rangeOf: (node: CstNode) => SourceRange): Expr | SyntaxProblem {
  const tree = parser.parse(wrapped)
  if (!tree) return { message: 'the template could not be parsed', loc: { file, startLine: 1, endLine: 1 } }
  try {
    const source = new CstSource(wrapped, tree)
    const converter = new Converter(wrapped, file, rangeOf)
    const expression = tree.rootNode.descendantsOfType('expression')[0]
    if (tree.rootNode.hasError || !expression) {
      const loc = rangeOf(new CstNode(firstError(tree.rootNode), source))
      return { message: 'the template could not be parsed', loc: { ...loc, startLine: Math.max(1, loc.startLine), endLine: Math.max(1, loc.endLine) } }
    }
    const expr = converter.expression(new CstNode(expression, source))
    return converter.firstProblem ?? expr
  } catch (error) {
    if (error instanceof NestingTooDeep) return { message: error.message, loc: rangeOf(error.node), limit: true }
    throw error
  } finally {
    tree.delete()
  }
}

function dropFinalNewline(expr: Expr): Expr {
  if (expr.kind === 'literal' && typeof expr.value === 'string') return { ...expr, value: expr.value.replace(/\n$/, '') }
  if (expr.kind !== 'template') return expr
  const parts = [...expr.parts]
  const last = parts[parts.length - 1]
  if (last && 'text' in last) parts[parts.length - 1] = { text: last.text.replace(/\n$/, '') }
  return { ...expr, parts }
}

function rangeAt(file: string, node: CstNode): SourceRange {
  const end = node.endPosition
  return { file, startLine: node.startRow + 1, endLine: end.row + 1, startColumn: node.startColumn + 1, endColumn: end.column + 1 }
}

function shiftedRange(file: string, node: CstNode, lines: number): SourceRange {
  const range = rangeAt(file, node)
  return { ...range, startLine: range.startLine + lines, endLine: range.endLine + lines }
}

/** Nodes of tree-sitter's tree, one inside another, past which a broken file is not handed to HCL's parser: a few per level of HCL nesting. */
const MAX_TREE_DEPTH = 4 * MAX_NESTING_DEPTH

/** Whether the tree nests deeper than `max` nodes, walked with a cursor (no recursion). */
function deeperThan(tree: Tree, max: number): boolean {
  const cursor = tree.walk()
  try {
    let depth = 0
    for (;;) {
      if (depth > max) return true
      if (cursor.gotoFirstChild()) {
        depth++
        continue
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return false
        depth--
      }
    }
  } finally {
    cursor.delete()
  }
}

/** A loop, not recursion: a broken file may nest thousands of levels. */
function firstError(root: Node): Node {
  let node = root
  while (!node.isError && !node.isMissing) {
    const child = node.children.find((c) => c.hasError)
    if (!child) break
    node = child
  }
  return node
}

/** A `get_attr` written as a dot and an identifier, nothing between them. */
const SIMPLE_GET_ATTR = /^\.[\p{L}_][\p{L}\p{N}_-]*$/u

interface TemplateMarker {
  kind: 'interpolation' | 'if' | 'else' | 'for' | 'end'
  node: CstNode
  expr: Expr
  loop?: { keyName?: string; valueName: string }
  stripBefore: boolean
  stripAfter: boolean
}

/** How every interpolation (`${`) and directive (`%{`) of a template starts. */
const TEMPLATE_OPENING = /[$%]\{/

/** Tokens that end a term inside an operation. */
const OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||', '!'])

class Converter {
  firstProblem: SyntaxProblem | undefined
  /** Bodies, expressions and operations being converted, one inside the other: the converter recurses once per level. */
  private depth = 0

  constructor(
    private readonly source: string,
    private readonly file: string,
    readonly rangeOf: (node: CstNode) => SourceRange,
  ) {}

  problem(message: string, node: CstNode): void {
    this.firstProblem ??= { message, loc: this.rangeOf(node), suspected: true }
  }

  body(node: CstNode): Body {
    return this.nested(node, () => this.bodyOf(node))
  }

  /** Runs one level deeper, refusing the file past MAX_NESTING_DEPTH before the stack runs out. */
  private nested<T>(node: CstNode, convert: () => T): T {
    if (++this.depth > MAX_NESTING_DEPTH) throw new NestingTooDeep(node)
    try {
      return convert()
    } finally {
      this.depth--
    }
  }

  private bodyOf(node: CstNode): Body {
    const body: Body = { attributes: [], blocks: [] }
    const seen = new Set<string>()
    let previousEndRow = -1
    for (const child of node.namedChildren) {
      if (child.type === 'comment') continue
      // HCL requires a newline after every argument and block; tree-sitter does not.
      if (child.startRow === previousEndRow) this.problem('Missing newline after argument or block', child)
      if (child.type === 'attribute') {
        const attribute = this.attribute(child)
        if (seen.has(attribute.name)) this.problem(`Attribute redefined: the argument "${attribute.name}" was already set`, child)
        seen.add(attribute.name)
        body.attributes.push(attribute)
      } else if (child.type === 'block') body.blocks.push(this.block(child))
      // Read after converting: the child's end then comes from its children, without another call.
      previousEndRow = child.endPosition.row
    }
    return body
  }

  private attribute(node: CstNode): Attribute {
    const children = node.children
    const name = children[0]!
    const value = children.find((c) => c.type === 'expression')!
    return { name: name.text, nameRange: this.rangeOf(name), value: this.expression(value), range: this.rangeOf(node) }
  }

  private block(node: CstNode): Block {
    const children = node.children
    const type = children[0]!
    const labels: string[] = []
    let body: Body = { attributes: [], blocks: [] }
    let start: CstNode | undefined
    for (const child of children.slice(1)) {
      if (child.type === 'string_lit') labels.push(this.quotedText(child))
      else if (child.type === 'identifier') labels.push(child.text)
      else if (child.type === 'block_start') start = child
      else if (child.type === 'body') body = this.body(child)
      else if (child.type === 'block_end' && start && start.startRow !== child.startRow) {
        let lastLine = 0
        for (const item of [...body.attributes, ...body.blocks]) lastLine = Math.max(lastLine, item.range.endLine)
        if (lastLine === child.startRow + 1) this.problem('Missing newline after argument', child)
      }
    }
    return { type: type.text, typeRange: this.rangeOf(type), labels, body, range: this.rangeOf(node) }
  }

  expression(node: CstNode): Expr {
    return this.nested(node, () => this.expressionOf(node))
  }

  private expressionOf(node: CstNode): Expr {
    const children = node.children
    if (children.length === 1 && children[0]!.type === 'conditional') return this.conditional(children[0]!)
    const { expr, next } = this.term(children, 0)
    if (next < children.length) return { kind: 'opaque', what: 'expression', range: this.rangeOf(node) }
    return expr
  }

  /** One operand: a primary expression and the index/attribute/splat steps after it (tree-sitter lists them as siblings). */
  private term(nodes: CstNode[], start: number): { expr: Expr; next: number } {
    let index = start
    while (nodes[index]?.type === 'comment') index++
    const first = nodes[index]!
    let base: Expr
    if (first.type === '(') {
      index += 1
      while (nodes[index]?.type === 'comment') index++
      base = this.expression(nodes[index]!)
      while (index < nodes.length && nodes[index]!.type !== ')') index++
      index += 1
    } else {
      base = this.primary(first)
      index += 1
    }
    const steps: Step[] = []
    let last = first
    while (index < nodes.length && !OPERATORS.has(nodes[index]!.type)) {
      last = nodes[index]!
      this.steps(last, steps)
      index += 1
    }
    if (steps.length === 0) return { expr: base, next: index }
    const range = this.span(first, last)
    return { expr: { kind: 'traverse', target: base, steps, range }, next: index }
  }

  private steps(node: CstNode, into: Step[]): void {
    switch (node.type) {
      case 'comment':
        return
      case 'get_attr': {
        // `.name` is the common case: the name is then the text after the dot, with no call for the children.
        const text = node.text
        into.push({ kind: 'attr', name: SIMPLE_GET_ATTR.test(text) ? text.slice(1) : node.lastChild!.text })
        return
      }
        return
      case 'index': {
        const inner = node.firstChild!
        if (inner.type === 'legacy_index') {
          const range = this.rangeOf(inner)
          into.push({ kind: 'index', key: { kind: 'literal', value: Number(inner.text.slice(1)), range } })
        } else into.push({ kind: 'index', key: this.expression(inner.firstNamedChild!) })
        return
      }
      case 'splat': {
        into.push({ kind: 'splat' })
        for (const step of node.firstChild!.namedChildren) this.steps(step, into)
        return
      }
      default:
        this.problem(`unexpected ${node.type}`, node)
    }
  }

  private primary(node: CstNode): Expr {
    switch (node.type) {
      case 'literal_value':
        return this.literal(node.firstNamedChild!)
      case 'template_expr':
        return this.template(node.firstNamedChild!)
      case 'collection_value':
        return this.collection(node.firstNamedChild!)
      case 'variable_expr':
        return { kind: 'variable', name: node.text, range: this.rangeOf(node) }
      case 'function_call':
        return this.call(node)
      case 'operation':
        return this.operation(node.firstNamedChild!)
      case 'for_expr':
        return this.forExpression(node.firstNamedChild!)
      case 'conditional':
        return this.conditional(node)
      default:
        this.problem(`unexpected ${node.type}`, node)
        return { kind: 'opaque', what: node.type, range: this.rangeOf(node) }
    }
  }

  private literal(node: CstNode): Expr {
    const range = this.rangeOf(node)
    switch (node.type) {
      case 'numeric_lit':
        if (/^0x/i.test(node.text)) this.problem(`Invalid number literal ${node.text}`, node)
        return { kind: 'literal', value: Number(node.text), range }
      case 'bool_lit':
        return { kind: 'literal', value: node.text === 'true', range }
      case 'null_lit':
        return { kind: 'literal', value: null, range }
      default:
        return { kind: 'literal', value: this.quotedText(node), range }
    }
  }

  /**
   * A string_lit's value, sliced from the source: tree-sitter's template_literal drops whitespace next to the quotes.
   * The grammar's scanner makes each quote token exactly one `"`, so the text lies between the node's first and last character.
   */
  private quotedText(node: CstNode): string {
    return unescapeQuoted(this.source.slice(node.startIndex + 1, node.endIndex - 1))
  }

  private template(node: CstNode): Expr {
    const range = this.rangeOf(node)
    if (node.type === 'quoted_template') {
      // Between one-character quotes (see quotedText); without `${` or `%{` the text is all literal and the children are not needed.
      const start = node.startIndex + 1
      const end = node.endIndex - 1
      const inner = TEMPLATE_OPENING.test(this.source.slice(start, end)) ? node.children.slice(1, -1) : []
      return this.templateOrLiteral(this.templateParts(inner, start, end, unescapeQuoted), range)
    }
    const children = node.children
    const flush = children[0]!.text === '<<-'
    const opening = children[1]!
    const closing = children[children.length - 1]!
    const contentStart = this.source.indexOf('\n', opening.endIndex) + 1
    const contentEnd = closing.startIndex - closing.startColumn
    let parts = this.templateParts(children.slice(2, -1), contentStart, Math.max(contentStart, contentEnd), unescapeHeredoc)
    let dedent = 0
    if (flush) ({ parts, dedent } = flushHeredoc(parts))
    const textOrigin: TextOrigin = { file: this.file, line: this.rangeOf(opening).startLine + 1, column: 1 + dedent }
    if (flush) textOrigin.dedent = dedent
    return this.templateOrLiteral(parts, range, textOrigin)
  }

  private templateOrLiteral(parts: TemplatePart[], range: SourceRange, textOrigin?: TextOrigin): Expr {
    if (parts.every((p) => 'text' in p)) return { kind: 'literal', value: parts.map((p) => ('text' in p ? p.text : '')).join(''), range, textOrigin }
    return { kind: 'template', parts, range, textOrigin }
  }

  /**
   * Literal text is everything between interpolations and directives, sliced from the source. A strip
   * marker (`${~`, `~}`, `%{~`, `~}`) removes the whitespace of the literal text on its side. Directives
   * are read as a flat run of markers, then nested by their `if`/`else`/`endif` and `for`/`endfor`.
   */
  private templateParts(nodes: CstNode[], start: number, end: number, unescape: (raw: string) => string): TemplatePart[] {
    const markers: TemplateMarker[] = []
    this.templateMarkers(nodes, markers)
    const root: TemplatePart[] = []
    const open: { parts: TemplatePart[]; directive?: TemplateDirective & { inElse?: boolean } }[] = [{ parts: root }]
    let cursor = start
    let stripNext = false
    const current = () => open[open.length - 1]!.parts
    const pushText = (raw: string, stripEnd: boolean) => {
      let text = unescape(raw)
      if (stripNext) text = text.trimStart()
      if (stripEnd) text = text.trimEnd()
      if (text !== '') current().push({ text })
    }
    for (const marker of markers) {
      pushText(this.source.slice(cursor, marker.node.startIndex), marker.stripBefore)
      stripNext = marker.stripAfter
      cursor = marker.node.endIndex
      const range = this.rangeOf(marker.node)
      const top = open[open.length - 1]!
      if (marker.kind === 'interpolation') current().push({ expr: marker.expr })
      else if (marker.kind === 'if') {
        const directive: TemplateDirective = { directive: 'if', condition: marker.expr, then: [], otherwise: [], range }
        current().push(directive)
        open.push({ parts: directive.then, directive })
      } else if (marker.kind === 'for') {
        const directive: TemplateDirective & { directive: 'for' } = { directive: 'for', valueName: '_', ...marker.loop, collection: marker.expr, body: [], range }
        current().push(directive)
        open.push({ parts: directive.body, directive })
      } else if (marker.kind === 'else' && top.directive?.directive === 'if') {
        open[open.length - 1] = { parts: top.directive.otherwise, directive: top.directive }
      } else if (top.directive) {
        top.directive.range = { ...top.directive.range, endLine: range.endLine, endColumn: range.endColumn }
        open.pop()
      }
    }
    pushText(this.source.slice(cursor, end), false)
    return root
  }

  /** Interpolations and directive keywords in source order, with their strip markers. */
  private templateMarkers(nodes: CstNode[], into: TemplateMarker[]): void {
    for (const node of nodes) {
      if (node.type === 'template_literal') continue
      if (node.type === 'template_directive' || node.type === 'template_if' || node.type === 'template_for') {
        this.templateMarkers(node.children, into)
        continue
      }
      const children = node.children
      const strip = { stripBefore: children[1]?.type === 'strip_marker', stripAfter: children[children.length - 2]?.type === 'strip_marker' }
      const inner = children.find((c) => c.type === 'expression')
      const expr: Expr = inner ? this.expression(inner) : { kind: 'opaque', what: 'template directive', range: this.rangeOf(node) }
      if (node.type === 'template_interpolation') into.push({ kind: 'interpolation', node, expr, ...strip })
      else if (node.type === 'template_if_intro') into.push({ kind: 'if', node, expr, ...strip })
      else if (node.type === 'template_else_intro') into.push({ kind: 'else', node, expr, ...strip })
      else if (node.type === 'template_for_start') {
        const names = children.filter((c) => c.type === 'identifier').map((c) => c.text)
        const loop = names.length > 1 ? { keyName: names[0]!, valueName: names[1]! } : { valueName: names[0] ?? '_' }
        into.push({ kind: 'for', node, expr, loop, ...strip })
      } else if (node.type === 'template_if_end' || node.type === 'template_for_end') into.push({ kind: 'end', node, expr, ...strip })
    }
  }

  private collection(node: CstNode): Expr {
    const range = this.rangeOf(node)
    if (node.type === 'tuple') {
      return { kind: 'tuple', items: node.children.filter((c) => c.type === 'expression').map((c) => this.expression(c)), range }
    }
    const items: ObjectItem[] = []
    let previous: CstNode | undefined
    for (const child of node.children) {
      if (child.type !== 'object_elem') {
        if (child.type === ',') previous = undefined
        continue
      }
      if (previous && previous.endPosition.row === child.startRow) this.problem('Missing attribute separator', child)
      previous = child
      const [key, value] = child.children.filter((c) => c.type === 'expression') as [CstNode, CstNode]
      items.push({ key: this.expression(key), value: this.expression(value) })
    }
    return { kind: 'object', items, range }
  }

  private call(node: CstNode): Expr {
    const children = node.children
    const argNodes = children.find((c) => c.type === 'function_arguments')?.children ?? []
    return {
      kind: 'call',
      name: children[0]!.text,
      args: argNodes.filter((c) => c.type === 'expression').map((c) => this.expression(c)),
      expandFinal: argNodes.some((c) => c.type === 'ellipsis'),
      range: this.rangeOf(node),
    }
  }

  private forExpression(node: CstNode): Expr {
    const range = this.rangeOf(node)
    const children = node.children
    const intro = children.find((c) => c.type === 'for_intro')
    const names = intro?.children.filter((c) => c.type === 'identifier').map((c) => c.text) ?? []
    const collection = intro?.children.find((c) => c.type === 'expression')
    const parts = children.filter((c) => c.type === 'expression')
    const condition = children.find((c) => c.type === 'for_cond')?.children.find((c) => c.type === 'expression')
    const isObject = node.type === 'for_object_expr'
    if (!collection || names.length === 0 || parts.length !== (isObject ? 2 : 1)) return { kind: 'opaque', what: 'for expression', range }
    return {
      kind: 'for',
      ...(names.length > 1 ? { keyName: names[0]!, valueName: names[1]! } : { valueName: names[0]! }),
      collection: this.expression(collection),
      ...(isObject ? { key: this.expression(parts[0]!) } : {}),
      value: this.expression(parts[parts.length - 1]!),
      grouped: children.some((c) => c.type === 'ellipsis'),
      ...(condition ? { condition: this.expression(condition) } : {}),
      range,
    }
  }

  private conditional(node: CstNode): Expr {
    const [condition, then, otherwise] = node.children.filter((c) => c.type === 'expression') as [CstNode, CstNode, CstNode]
    return { kind: 'conditional', condition: this.expression(condition), then: this.expression(then), otherwise: this.expression(otherwise), range: this.rangeOf(node) }
  }

  private operation(node: CstNode): Expr {
    return this.nested(node, () => this.operationOf(node))
  }

  private operationOf(node: CstNode): Expr {
    const children = node.children
    const range = this.rangeOf(node)
    if (node.type === 'unary_operation') {
      const { expr } = this.term(children, 1)
      return { kind: 'unary', operator: children[0]!.type, operand: expr, range }
    }
    const left = this.term(children, 0)
    const operator = children[left.next]!.type
    const right = this.term(children, left.next + 1)
    return { kind: 'binary', operator, left: left.expr, right: right.expr, range }
  }

  private span(first: CstNode, last: CstNode): SourceRange {
    const a = this.rangeOf(first)
    const b = this.rangeOf(last)
    return { file: a.file, startLine: a.startLine, endLine: b.endLine, startColumn: a.startColumn, endColumn: b.endColumn }
  }
}
