import type { SourceRange } from '../../model/source.js'
import { MAX_VALUE_DEPTH } from '../limits.js'
import { isWhollyKnown, type ListValue, type MapEntry, type Value } from '../value.js'
import { callFunction } from './functions.js'
import type { Scope } from './module.js'
import { resolveReference } from './references.js'
import type { Expr, Step, TemplatePart } from './syntax.js'
import { noteRefusal } from './refusals.js'
import { renderTemplate } from './template-render.js'
import { failure, sameValue, stringValue, templateText, unknown } from './values.js'

/** Expressions being evaluated one inside another, through every reference followed: bounded so no chain of references exhausts the stack. */
let depth = 0

/** An expression to its positioned value; whatever the source does not determine is unknown, never guessed. */
export function evaluate(expr: Expr, scope: Scope): Value {
  if (depth >= MAX_VALUE_DEPTH) {
    noteRefusal(`values nested more than ${MAX_VALUE_DEPTH} levels deep (through references); policygate reads what lies deeper as unknown`, expr.range)
    return unknown(`nested more than ${MAX_VALUE_DEPTH} levels deep`, expr.range)
  }
  depth++
  try {
    return evaluateExpression(expr, scope)
  } finally {
    depth--
  }
}

function evaluateExpression(expr: Expr, scope: Scope): Value {
  const loc = expr.range
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string') return expr.textOrigin ? { kind: 'string', value: expr.value, loc, textOrigin: expr.textOrigin } : stringValue(expr.value, loc)
      if (typeof expr.value === 'number') return { kind: 'number', value: expr.value, loc }
      if (typeof expr.value === 'boolean') return { kind: 'bool', value: expr.value, loc }
      return { kind: 'null', loc }
    case 'template':
      // Text a directive produced no longer maps to the template's lines one to one.
      return renderTemplate(renderParts(expr.parts, scope), loc, expr.parts.some((part) => 'directive' in part) ? undefined : expr.textOrigin)
    case 'tuple':
      return { kind: 'list', items: expr.items.map((item) => evaluate(item, scope)), loc }
    case 'object':
      return objectValue(expr, scope)
    case 'variable':
      return resolveReference(expr.name, [], loc, scope)
    case 'traverse':
      if (expr.target.kind === 'variable') return resolveReference(expr.target.name, expr.steps, loc, scope)
      return applySteps(evaluate(expr.target, scope), expr.steps, scope, loc)
    case 'call':
      return callFunction(expr, scope, evaluate)
    case 'conditional':
      return conditional(expr, scope)
    case 'unary':
      return unary(expr.operator, evaluate(expr.operand, scope), loc)
    case 'binary':
      return binary(expr.operator, evaluate(expr.left, scope), evaluate(expr.right, scope), loc)
    case 'for':
      return forExpression(expr, scope)
    case 'opaque':
      return unknown(`${expr.what} is not evaluated`, loc)
  }
}

type RenderPart = { text: string } | { value: Value; range: SourceRange }

/** A template's parts with interpolations evaluated and directives expanded; a directive the source does not decide is one unknown hole. */
function renderParts(parts: TemplatePart[], scope: Scope): RenderPart[] {
  const rendered: RenderPart[] = []
  for (const part of parts) {
    if ('text' in part) rendered.push(part)
    else if ('expr' in part) rendered.push({ value: evaluate(part.expr, scope), range: part.expr.range })
    else if (part.directive === 'if') {
      const condition = evaluate(part.condition, scope)
      if (condition.kind === 'bool') rendered.push(...renderParts(condition.value ? part.then : part.otherwise, scope))
      else rendered.push({ value: condition.kind === 'unknown' ? unknown(`the %{ if } condition is not known: ${condition.reason}`, part.range, condition.ref) : failure(`a %{ if } condition must be a bool, found ${condition.kind}`, part.range), range: part.range })
    } else {
      const collection = evaluate(part.collection, scope)
      const elements: [Value, Value][] | undefined =
        collection.kind === 'list'
          ? collection.items.map((item, i) => [{ kind: 'number', value: i, loc: item.loc }, item])
          : collection.kind === 'map'
            ? collection.entries.map((e) => [stringValue(e.key, e.keyLoc), e.value])
            : undefined
      if (!elements) {
        const reason = collection.kind === 'unknown' ? `the %{ for } collection is not known: ${collection.reason}` : `a %{ for } needs a collection, found ${collection.kind}`
        rendered.push({ value: collection.kind === 'unknown' ? unknown(reason, part.range, collection.ref) : failure(reason, part.range), range: part.range })
        continue
      }
      for (const [key, element] of elements) {
        const names = new Map(scope.names)
        if (part.keyName !== undefined) names.set(part.keyName, key)
        names.set(part.valueName, element)
        rendered.push(...renderParts(part.body, { ...scope, names }))
      }
    }
  }
  return rendered
}

/**
 * A `for` expression over a known collection: each element's value keeps its own position. An unknown
 * collection, or an unknown `if` or key, leaves the whole result unknown (its length is not known).
 */
function forExpression(expr: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
  const loc = expr.range
  const collection = evaluate(expr.collection, scope)
  if (collection.kind === 'unknown') return unknown(`the collection of a for expression is not known: ${collection.reason}`, loc, collection.ref)
  const elements: [Value, Value][] | undefined =
    collection.kind === 'list'
      ? collection.items.map((item, i) => [{ kind: 'number', value: i, loc: item.loc }, item])
      : collection.kind === 'map'
        ? collection.entries.map((e) => [stringValue(e.key, e.keyLoc), e.value])
        : undefined
  if (!elements) return failure(`a for expression needs a collection, found ${collection.kind}`, loc)
  const items: Value[] = []
  const entries: MapEntry[] = []
  for (const [key, element] of elements) {
    const names = new Map(scope.names)
    if (expr.keyName !== undefined) names.set(expr.keyName, key)
    names.set(expr.valueName, element)
    const inner: Scope = { ...scope, names }
    if (expr.condition) {
      const keep = evaluate(expr.condition, inner)
      if (keep.kind === 'unknown') return unknown(`a for expression's condition is not known: ${keep.reason}`, loc, keep.ref)
      if (keep.kind !== 'bool') return failure('a for expression condition must be a bool', expr.condition.range)
      if (!keep.value) continue
    }
    const value = evaluate(expr.value, inner)
    if (!expr.key) {
      items.push(value)
      continue
    }
    const name = evaluate(expr.key, inner)
    if (name.kind === 'unknown') return unknown(`a for expression's key is not known: ${name.reason}`, loc, name.ref)
    const text = templateText(name)
    if (text === undefined || name.kind === 'list' || name.kind === 'map') return failure('a for expression key must be a string', expr.key.range)
    const existing = entries.find((e) => e.key === text)
    if (expr.grouped) {
      if (existing && existing.value.kind === 'list') existing.value.items.push(value)
      else entries.push({ key: text, keyLoc: name.loc, value: { kind: 'list', items: [value], loc: value.loc } })
    } else if (existing) return failure(`a for expression gives the key "${text}" twice (use ... to group)`, loc)
    else entries.push({ key: text, keyLoc: name.loc, value })
  }
  return expr.key ? { kind: 'map', entries, loc } : { kind: 'list', items, loc }
}

function objectValue(expr: Extract<Expr, { kind: 'object' }>, scope: Scope): Value {
  const entries: MapEntry[] = []
  for (const item of expr.items) {
    // A bare identifier key is the key's name itself, as in HCL; anything else is evaluated.
    const key = item.key.kind === 'variable' ? stringValue(item.key.name, item.key.range) : evaluate(item.key, scope)
    if (key.kind !== 'string' && key.kind !== 'number' && key.kind !== 'bool') return unknown('an object key is not known', item.key.range)
    entries.push({ key: String(key.value), keyLoc: item.key.range, value: evaluate(item.value, scope) })
  }
  return { kind: 'map', entries, loc: expr.range }
}

/** Follows `.name`, `[key]` and splats through a value; a key that is not there is an evaluation error. */
export function applySteps(start: Value, steps: Step[], scope: Scope, loc: SourceRange): Value {
  let value = start
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!
    if (step.kind === 'splat') return splat(value, steps.slice(i + 1), scope, loc)
    const key = step.kind === 'attr' ? stringValue(step.name, loc) : evaluate(step.key, scope)
    value = stepInto(value, key, loc)
  }
  return value
}

function stepInto(value: Value, key: Value, loc: SourceRange): Value {
  if (value.kind === 'unknown') {
    const name = key.kind === 'string' ? key.value : undefined
    return unknown(value.reason, loc, value.ref && name !== undefined ? `${value.ref}.${name}` : value.ref)
  }
  if (key.kind === 'unknown') return unknown('an index is not known', loc)
  if (value.kind === 'map' && (key.kind === 'string' || key.kind === 'number')) {
    const found = value.entries.find((e) => e.key === String(key.value))
    return found ? found.value : failure(`no "${key.value}" in this object`, loc)
  }
  if (value.kind === 'list' && key.kind === 'number') return value.items[key.value] ?? failure(`index ${key.value} is out of range`, loc)
  return failure(`cannot index a ${value.kind} with a ${key.kind}`, loc)
}

function splat(value: Value, rest: Step[], scope: Scope, loc: SourceRange): Value {
  if (value.kind === 'unknown') return unknown(value.reason, loc, value.ref)
  const elements = value.kind === 'list' ? value.items : value.kind === 'null' ? [] : [value]
  const list: ListValue = { kind: 'list', items: elements.map((element) => applySteps(element, rest, scope, loc)), loc }
  return list
}

function conditional(expr: Extract<Expr, { kind: 'conditional' }>, scope: Scope): Value {
  const condition = evaluate(expr.condition, scope)
  if (condition.kind === 'bool') return evaluate(condition.value ? expr.then : expr.otherwise, scope)
  const then = evaluate(expr.then, scope)
  const otherwise = evaluate(expr.otherwise, scope)
  // Both branches give the same value: the condition does not matter.
  if (isWhollyKnown(then) && sameValue(then, otherwise)) return then
  return unknown('a condition is not known', expr.range)
}

function unary(operator: string, operand: Value, loc: SourceRange): Value {
  if (operator === '-' && operand.kind === 'number') return { kind: 'number', value: -operand.value, loc }
  if (operator === '!' && operand.kind === 'bool') return { kind: 'bool', value: !operand.value, loc }
  return operand.kind === 'unknown' ? unknown(operand.reason, loc) : failure(`cannot apply ${operator} to a ${operand.kind}`, loc)
}

const ARITHMETIC: Record<string, (a: number, b: number) => number | boolean> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
}

function binary(operator: string, left: Value, right: Value, loc: SourceRange): Value {
  if (left.kind === 'unknown' || right.kind === 'unknown') return unknown('an operand is not known', loc)
  if (operator === '==' || operator === '!=') {
    if (!isWhollyKnown(left) || !isWhollyKnown(right)) return unknown('an operand is not known', loc)
    return { kind: 'bool', value: sameValue(left, right) === (operator === '=='), loc }
  }
  if ((operator === '&&' || operator === '||') && left.kind === 'bool' && right.kind === 'bool') {
    return { kind: 'bool', value: operator === '&&' ? left.value && right.value : left.value || right.value, loc }
  }
  const a = asNumber(left)
  const b = asNumber(right)
  const apply = ARITHMETIC[operator]
  if (apply && a !== undefined && b !== undefined) {
    const result = apply(a, b)
    return typeof result === 'boolean' ? { kind: 'bool', value: result, loc } : { kind: 'number', value: result, loc }
  }
  return failure(`cannot apply ${operator} to ${left.kind} and ${right.kind}`, loc)
}

/** HCL converts numeric strings to numbers for arithmetic and comparisons. */
function asNumber(value: Value): number | undefined {
  if (value.kind === 'number') return value.value
  if (value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) return Number(value.value)
  return undefined
}
