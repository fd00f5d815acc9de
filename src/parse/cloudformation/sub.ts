import type { SourceRange } from '../../model/source.js'
import { field, type Value } from '../value.js'
import { dependsOn, relocated, scalarText, unknownAt } from './build.js'
import type { Evaluator } from './evaluate.js'

const PLACEHOLDER = /\$\{([^}]*)\}/g

/**
 * `Fn::Sub` in both forms (`template` and `[template, { Var: value }]`). A string when every
 * placeholder is determined; otherwise unknown (a template that is just `${X}` keeps X's reference).
 */
export function substitute(args: Value, at: SourceRange, evaluator: Evaluator): Value {
  const templateArg = args.kind === 'list' ? args.items[0] : args
  const variables = args.kind === 'list' ? args.items[1] : undefined
  const template = templateArg && evaluator.value(templateArg)
  if (template?.kind !== 'string' || (variables !== undefined && variables.kind !== 'map')) return unknownAt(at, 'malformed Fn::Sub')
  const unknownParts: Value[] = []
  const text = template.value.replace(PLACEHOLDER, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`
    const name = inner.trim()
    const variable = field(variables?.kind === 'map' ? variables : undefined, name)
    const value = variable ? evaluator.value(variable) : placeholderValue(name, at, evaluator)
    const substituted = scalarText(value)
    if (substituted !== undefined) return substituted
    unknownParts.push(value ?? unknownAt(at, `\${${name}} has no value`))
    return whole
  })
  if (unknownParts.length > 0) {
    const wholeTemplate = /^\$\{[^}!][^}]*\}$/.test(template.value.trim())
    return wholeTemplate ? relocated(unknownParts[0]!, at) : dependsOn(unknownParts, at)
  }
  const origin = template.textOrigin
  // Substitutions without line breaks keep a literal block's lines, so JSON inside keeps its line numbers.
  const sameLines = origin !== undefined && origin.text === undefined && lineCount(text) === lineCount(template.value)
  return sameLines ? { kind: 'string', loc: at, value: text, textOrigin: origin } : { kind: 'string', loc: at, value: text }
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
