import type { SourceRange } from '../../model/source.js'

/*
 * The Terraform syntax tree the evaluator reads: HCL native syntax (from tree-sitter) and Terraform
 * JSON syntax both become this one positioned shape, so evaluation never knows which one it was.
 */

/** Where a string's text sits in its file when its lines map one to one (heredocs, file contents). */
export interface TextOrigin {
  file: string
  line: number
  column: number
  dedent?: number
}

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; range: SourceRange; textOrigin?: TextOrigin }
  | { kind: 'template'; parts: TemplatePart[]; range: SourceRange; textOrigin?: TextOrigin }
  | { kind: 'tuple'; items: Expr[]; range: SourceRange }
  | { kind: 'object'; items: ObjectItem[]; range: SourceRange }
  | { kind: 'variable'; name: string; range: SourceRange }
  | { kind: 'traverse'; target: Expr; steps: Step[]; range: SourceRange }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean; range: SourceRange }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr; range: SourceRange }
  | { kind: 'unary'; operator: string; operand: Expr; range: SourceRange }
  | { kind: 'binary'; operator: string; left: Expr; right: Expr; range: SourceRange }
  /** `[for k, v in coll : value if cond]` (no `key`) and `{for k, v in coll : key => value... if cond}`. */
  | { kind: 'for'; keyName?: string; valueName: string; collection: Expr; key?: Expr; value: Expr; grouped: boolean; condition?: Expr; range: SourceRange }
  /** Syntax that is parsed but never evaluated (for expressions). */
  | { kind: 'opaque'; what: string; range: SourceRange }

/** Literal text of a template, an interpolated expression, or a `%{ if }` / `%{ for }` directive with its parts. */
export type TemplatePart = { text: string } | { expr: Expr } | TemplateDirective

export type TemplateDirective =
  | { directive: 'if'; condition: Expr; then: TemplatePart[]; otherwise: TemplatePart[]; range: SourceRange }
  | { directive: 'for'; keyName?: string; valueName: string; collection: Expr; body: TemplatePart[]; range: SourceRange }

export interface ObjectItem {
  key: Expr
  value: Expr
}

/** One step of a traversal: `.name`, `[key]`, or a splat (`.*` / `[*]`) that applies the following steps to every element. */
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Expr } | { kind: 'splat' }

export interface Attribute {
  name: string
  nameRange: SourceRange
  value: Expr
  range: SourceRange
}

export interface Block {
  type: string
  typeRange: SourceRange
  labels: string[]
  body: Body
  range: SourceRange
}

export interface Body {
  attributes: Attribute[]
  blocks: Block[]
}

export interface Comment {
  text: string
  range: SourceRange
  /** Code precedes the comment on its line. */
  trailing: boolean
}

/** One parsed file of a module: a .tf/.tf.json configuration or a variables file. */
export interface SyntaxFile {
  path: string
  body: Body
  comments: Comment[]
}

export function attribute(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((a) => a.name === name)
}
