import type { Node, Tree } from 'web-tree-sitter'
import { LineIndex } from '../lines.js'

/*
 * tree-sitter's nodes as the HCL converter reads them. Every property of a web-tree-sitter `Node`
 * (type, endIndex, endPosition, children, text) is a call into WebAssembly that marshals the node
 * and allocates objects; it dominated the conversion. Here each node asks for its type, end and
 * children at most once, end positions come from the source's line starts, and text is sliced from
 * the source.
 */

/** One parsed text: the source, its line starts, and the grammar's type names. */
export class CstSource {
  private readonly lines: LineIndex
  private readonly types: string[]
  private readonly named: boolean[] = []

  constructor(
    readonly text: string,
    private readonly tree: Tree,
  ) {
    this.lines = new LineIndex(text)
    this.types = tree.language.types
  }

  /** The root also spans the whitespace after its last child: its end is asked for, not derived. */
  get root(): CstNode {
    const node = this.tree.rootNode
    return new CstNode(node, this, node.endIndex)
  }

  typeName(typeId: number): string {
    return this.types[typeId] || 'ERROR'
  }

  isNamed(typeId: number): boolean {
    return (this.named[typeId] ??= this.tree.language.nodeTypeIsNamed(typeId))
  }

  /** Zero-based row and column of a character index, counted as tree-sitter counts them (rows end at '\n'). */
  position(index: number): { row: number; column: number } {
    const { line, column } = this.lines.position(index)
    return { row: line - 1, column: column - 1 }
  }
}

export class CstNode {
  private typeIdMemo = -1
  private childrenMemo: CstNode[] | undefined

  constructor(
    readonly node: Node,
    readonly source: CstSource,
    private endMemo = -1,
  ) {}

  get typeId(): number {
    if (this.typeIdMemo < 0) this.typeIdMemo = this.node.typeId
    return this.typeIdMemo
  }

  get type(): string {
    return this.source.typeName(this.typeId)
  }

  get isNamed(): boolean {
    return this.source.isNamed(this.typeId)
  }

  get startIndex(): number {
    return this.node.startIndex
  }

  /** A node below the root ends where its last child ends, so a parent whose children are known costs no call. */
  get endIndex(): number {
    if (this.endMemo < 0) {
      const last = this.childrenMemo?.[this.childrenMemo.length - 1]
      this.endMemo = last ? last.endIndex : this.node.endIndex
    }
    return this.endMemo
  }

  get startRow(): number {
    return this.node.startPosition.row
  }

  get startColumn(): number {
    return this.node.startPosition.column
  }

  get endPosition(): { row: number; column: number } {
    return this.source.position(this.endIndex)
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex)
  }

  /** Most nodes that have children have one (expression → literal_value → string_lit): fetching one child costs a third of fetching the list. */
  get children(): CstNode[] {
    if (!this.childrenMemo) {
      const count = this.node.childCount
      const nodes = count === 0 ? [] : count === 1 ? [this.node.child(0)!] : this.node.children
      this.childrenMemo = nodes.map((child) => new CstNode(child, this.source))
    }
    return this.childrenMemo
  }

  get namedChildren(): CstNode[] {
    return this.children.filter((child) => child.isNamed)
  }

  get firstChild(): CstNode | undefined {
    return this.children[0]
  }

  get lastChild(): CstNode | undefined {
    return this.children[this.children.length - 1]
  }

  get firstNamedChild(): CstNode | undefined {
    return this.children.find((child) => child.isNamed)
  }
}
