import type { PatternPiece } from '../../model/pattern.js'
import type { SourceRange } from '../../model/source.js'
import { field, type Value } from '../value.js'
import { partlyKnown, relocated, scalarText, unknownAt } from './build.js'
import type { Evaluator } from './evaluate.js'

const PLACEHOLDER = /\$\{([^}]*)\}/g

/**
 * `Fn::Sub` in both forms (`template` and `[template, { Var: value }]`). A string when every
 * placeholder is determined; otherwise unknown with the known text as its pattern (a template that
 * is just `${X}` is X's value itself, with its reference).
 */
export function substitute(args: Value, at: SourceRange, evaluator: Evaluator): Value {
  const templateArg = args.kind === 'list' ? args.items[0] : args
  const variables = args.kind === 'list' ? args.items[1] : undefined
  const template = templateArg && evaluator.value(templateArg)
  if (template?.kind !== 'string' || (variables !== undefined && variables.kind !== 'map')) return unknownAt(at, 'malformed Fn::Sub')
  const unknownParts: Value[] = []
  // The text as substituted so far, unknown placeholders as holes: the pattern of an unknown result.
  const pieces: PatternPiece[] = []
  let last = 0
  const text = template.value.replace(PLACEHOLDER, (whole, inner: string, offset: number) => {
    pieces.push(template.value.slice(last, offset))
    last = offset + whole.length
    const substituted = inner.startsWith('!') ? `\${${inner.slice(1)}}` : placeholderText(inner.trim(), variables, at, evaluator)
    if (typeof substituted === 'string') {
      pieces.push(substituted)
      return substituted
    }
    unknownParts.push(substituted)
    pieces.push(substituted.kind === 'unknown' ? substituted : {})
    return whole
  })
  pieces.push(template.value.slice(last))
  if (unknownParts.length > 0) {
    const wholeTemplate = /^\$\{[^}!][^}]*\}$/.test(template.value.trim())
    return wholeTemplate ? relocated(unknownParts[0]!, at) : partlyKnown(unknownParts, pieces, at)
  }
  const origin = template.textOrigin
  // Substitutions without line breaks keep a literal block's lines, so JSON inside keeps its line numbers.
  const sameLines = origin !== undefined && origin.text === undefined && lineCount(text) === lineCount(template.value)
  return sameLines ? { kind: 'string', loc: at, value: text, textOrigin: origin } : { kind: 'string', loc: at, value: text }
}

/** A placeholder's text, or the value that is not text (unknown, or not a scalar). */
function placeholderText(name: string, variables: Value | undefined, at: SourceRange, evaluator: Evaluator): string | Value {
  const variable = field(variables?.kind === 'map' ? variables : undefined, name)
  const value = variable ? evaluator.value(variable) : placeholderValue(name, at, evaluator)
  return scalarText(value) ?? value ?? unknownAt(at, `\${${name}} has no value`)
}

function placeholderValue(name: string, at: SourceRange, evaluator: Evaluator): Value | undefined {
  const dot = name.indexOf('.')
  if (dot < 0) return evaluator.reference(name, at)
  return unknownAt(at, `attribute ${name.slice(dot + 1)} of ${name.slice(0, dot)}`, name)
}

function lineCount(text: string): number {
  let count = 1
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++
  return count
}
