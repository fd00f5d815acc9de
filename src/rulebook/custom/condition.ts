import type { AccessLevel } from '../../iam/index.js'
import { isUnknown } from '../../model/source.js'
import type { Value } from '../../parse/value.js'
import { errorAt, nodeAt, type RulebookError } from '../document.js'
import type { ConditionSpec, FieldCondition, PrincipalClass } from '../format.js'
import { checkFieldPath, readField, type FieldValue } from './fields.js'
import { allowsAction, grantsAccessLevel, hasConditionKey, principalIs, unknownActionPatterns, type IamContext } from './iam-predicates.js'
import type { Kind, KindItem } from './kinds.js'
import { checkOperator } from './operators.js'
import { compileRegex, type LinearRegex } from './regex.js'
import { allOf, anyOf, FALSE, isTrue, negate, UNKNOWN, type Verdict } from './verdict.js'

/*
 * A custom rule's `where:` compiled once, at load time: regexes compiled, field paths (every name
 * of them), the operator against what each path ends at, and action patterns checked, so every
 * mistake is a load error with its line and never a silent no-op.
 */

export type Evaluate = (item: KindItem, context: IamContext) => Verdict

type Compiled = { evaluate: Evaluate } | { errors: RulebookError[] }

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value])

export function compileCondition(spec: ConditionSpec, node: Value, kind: Kind, kindName: string): Compiled {
  const at = (key: string) => nodeAt(node, [key]).value.loc
  if ('all' in spec || 'any' in spec) {
    const key = 'all' in spec ? 'all' : 'any'
    const children = ('all' in spec ? spec.all : spec.any).map((child, i) => compileCondition(child, nodeAt(node, [key, i]).value, kind, kindName))
    const errors = children.flatMap((c) => ('errors' in c ? c.errors : []))
    if (errors.length > 0) return { errors }
    const evaluators = children.map((c) => (c as { evaluate: Evaluate }).evaluate)
    const combine = key === 'all' ? allOf : anyOf
    return { evaluate: (item, context) => combine((function* () { for (const e of evaluators) yield e(item, context) })()) }
  }
  if ('not' in spec) {
    const inner = compileCondition(spec.not, nodeAt(node, ['not']).value, kind, kindName)
    return 'errors' in inner ? inner : { evaluate: (item, context) => negate(inner.evaluate(item, context)) }
  }
  if ('field' in spec) return compileField(spec, node, kind, kindName)
  const predicate = Object.keys(spec)[0]!
  if (!kind.iam) return { errors: [errorAt(at(predicate), `${predicate} applies to IAM-aware kinds only; ${kindName} is not one`)] }
  if ('allows_action' in spec) {
    const patterns = list(spec.allows_action)
    const unknown = unknownActionPatterns(patterns)
    if (unknown.length > 0) return { errors: [errorAt(at('allows_action'), `${unknown.join(', ')} matches no AWS action`)] }
    return { evaluate: (item, context) => (item.iam ? allowsAction(item.iam, patterns, context) : FALSE) }
  }
  if ('grants_access_level' in spec) {
    const levels = list(spec.grants_access_level) as AccessLevel[]
    return { evaluate: (item, context) => (item.iam ? grantsAccessLevel(item.iam, levels, context) : FALSE) }
  }
  if ('principal' in spec) {
    const principal: PrincipalClass = spec.principal
    return { evaluate: (item, context) => (item.iam ? principalIs(item.iam, principal, context) : FALSE) }
  }
  const keys = list(spec.has_condition_key)
  return { evaluate: (item) => (item.iam ? hasConditionKey(item.iam, keys) : FALSE) }
}

function compileField(spec: FieldCondition, node: Value, kind: Kind, kindName: string): Compiled {
  const path = checkFieldPath(spec.field, nodeAt(node, ['field']).value, kind.shape, kindName)
  if ('error' in path) return { errors: [path.error] }
  const operatorError = checkOperator(spec, node, path.end, kindName)
  if (operatorError) return { errors: [operatorError] }
  let test: (leaf: FieldValue) => boolean
  if (spec.matches !== undefined) {
    const regex: LinearRegex | { error: string } = compileRegex(spec.matches)
    if ('error' in regex) return { errors: [errorAt(nodeAt(node, ['matches']).value.loc, regex.error)] }
    test = (leaf) => typeof leaf.value === 'string' && regex.test(leaf.value)
  } else if (spec.equals !== undefined) {
    const expected = spec.equals
    test = (leaf) => leaf.value === expected
  } else if (spec.in !== undefined) {
    const allowed = spec.in
    test = (leaf) => allowed.includes(leaf.value as string | number | boolean)
  } else if (spec.less_than !== undefined) {
    const bound = spec.less_than
    test = (leaf) => typeof leaf.value === 'number' && leaf.value < bound
  } else if (spec.greater_than !== undefined) {
    const bound = spec.greater_than
    test = (leaf) => typeof leaf.value === 'number' && leaf.value > bound
  } else {
    const wanted = spec.exists === true
    return { evaluate: (item) => existence(readField(item.subject, spec.field), wanted, item) }
  }
  return { evaluate: (item) => anyOf(readField(item.subject, spec.field).map((leaf) => (isUnknown(leaf.value) ? UNKNOWN : test(leaf) ? isTrue(leaf.loc) : FALSE))) }
}

/** `exists: true` holds at the value; `exists: false` holds at the resource's first line, where the missing thing belongs. */
function existence(leaves: FieldValue[], wanted: boolean, item: KindItem): Verdict {
  const present = leaves.some((leaf) => leaf.value !== null && leaf.value !== undefined)
  if (present === wanted) return isTrue(wanted ? leaves[0]?.loc : { ...item.loc, endLine: item.loc.startLine })
  return FALSE
}
