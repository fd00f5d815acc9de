import type { Value } from '../../parse/value.js'
import { errorAt, nodeAt, type RulebookError } from '../document.js'
import type { FieldCondition } from '../format.js'
import type { PathEnd } from './fields.js'
import { describeField, type ScalarType } from './shapes.js'

/*
 * Whether a field condition's operator can apply to what its path ends at, checked at load: `matches`
 * on a number, `less_than` on a string, `equals: 5` on a string, `exists` on something every object
 * has would all load and then silently never (or always) match.
 */

const OPERATORS = ['equals', 'in', 'matches', 'exists', 'less_than', 'greater_than'] as const
type Operator = (typeof OPERATORS)[number]

const COMPARISONS: Record<ScalarType, Operator[]> = {
  string: ['equals', 'in', 'matches'],
  number: ['equals', 'in', 'less_than', 'greater_than'],
  boolean: ['equals', 'in'],
  Unknown: [],
}

/** The operators that fit: values compare with their own type; `exists` tells objects apart only where some may lack the thing. */
export function operatorsFor(end: PathEnd): Operator[] {
  const comparisons = 'shape' in end.field ? [] : COMPARISONS[end.field.scalar]
  return end.alwaysPresent ? comparisons : [...comparisons, 'exists']
}

/** The first mismatch between the condition's operator (and its values) and the path's end, at the operator or the wrong value. */
export function checkOperator(spec: FieldCondition, node: Value, end: PathEnd, kindName: string): RulebookError | undefined {
  const operator = OPERATORS.find((o) => spec[o] !== undefined)
  if (operator === undefined) return undefined
  const subject = `${kindName} field '${spec.field}' ends at ${describeField(end.field)}`
  const fits = operatorsFor(end)
  if (!fits.includes(operator)) {
    const entry = nodeAt(node, [operator])
    const remedy = fits.length > 0 ? `operators that fit: ${fits.join(', ')}` : 'no operator fits it; name one of its fields'
    return errorAt(entry.keyLoc ?? entry.value.loc, `${subject}${whyNot(operator, spec, end, kindName)}; ${remedy}`)
  }
  if ('shape' in end.field) return undefined
  const scalar = end.field.scalar
  const values: [unknown, (string | number)[]][] = operator === 'equals' ? [[spec.equals, ['equals']]] : operator === 'in' ? (spec.in ?? []).map((v, i) => [v, ['in', i]]) : []
  for (const [value, at] of values) {
    if (typeof value !== scalar) return errorAt(nodeAt(node, at).value.loc, `${subject}: ${operator} needs ${needs(scalar)}, got ${got(value, scalar)}`)
  }
  return undefined
}

function whyNot(operator: Operator, spec: FieldCondition, end: PathEnd, kindName: string): string {
  if (operator === 'exists') return `, which every ${kindName} has, so exists: ${spec.exists} would ${spec.exists ? 'always' : 'never'} hold`
  if ('shape' in end.field) return `: ${operator} compares values, not objects`
  if (end.field.scalar === 'Unknown') return `: ${operator} cannot compare a value the source does not determine`
  if (operator === 'matches') return ': matches applies to strings only'
  return `: ${operator} compares numbers only`
}

function needs(scalar: ScalarType): string {
  return scalar === 'boolean' ? 'true or false' : `a ${scalar}`
}

/** The value as YAML read it, with the fix when quoting is what went wrong. */
function got(value: unknown, scalar: ScalarType): string {
  if (typeof value === 'string') {
    const unquote = (scalar === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) || (scalar === 'boolean' && (value === 'true' || value === 'false'))
    return `the string '${value}'${unquote ? ' (write it without quotes)' : ''}`
  }
  const text = String(value)
  return `the ${typeof value} ${text}${scalar === 'string' ? ` (quote it: "${text}")` : ''}`
}
