import type { SourceRange } from '../../model/source.js'
import { field, toPlainJson, type Value } from '../value.js'
import type { PatternPiece } from '../../model/pattern.js'
import { dependsOn, firstUnknown, partlyKnown, relocated, sameValue, scalarText, stringAt, unknownAt } from './build.js'
import { cidrBlocks } from './cidr.js'
import type { Evaluator } from './evaluate.js'
import { substitute } from './sub.js'

/** One intrinsic function: its (unevaluated) arguments, where the call is written, the evaluator. */
type IntrinsicFunction = (args: Value, at: SourceRange, evaluator: Evaluator) => Value | undefined

export function callFunction(name: string, args: Value, at: SourceRange, evaluator: Evaluator): Value | undefined {
  const implementation = FUNCTIONS[name]
  return implementation ? implementation(args, at, evaluator) : unknownAt(at, `${name} is not evaluated`)
}

function argumentList(args: Value, count: number, optional = 0): Value[] | undefined {
  if (args.kind !== 'list' || args.items.length < count || args.items.length > count + optional) return undefined
  return args.items
}

function malformed(name: string, at: SourceRange): Value {
  return unknownAt(at, `malformed ${name}`)
}

const ref: IntrinsicFunction = (args, at, evaluator) => {
  const name = scalarText(evaluator.value(args))
  return name === undefined ? unknownAt(at, 'Ref to a computed name') : evaluator.reference(name, at)
}

const getAtt: IntrinsicFunction = (args, at, evaluator) => {
  const target = evaluator.value(args)
  let logicalId: string | undefined
  let attribute: string | undefined
  if (target?.kind === 'string') {
    const dot = target.value.indexOf('.')
    logicalId = dot < 0 ? target.value : target.value.slice(0, dot)
    attribute = dot < 0 ? undefined : target.value.slice(dot + 1)
  } else if (target?.kind === 'list' && target.items.length === 2) {
    logicalId = scalarText(target.items[0])
    attribute = scalarText(target.items[1])
  }
  if (logicalId === undefined) return malformed('Fn::GetAtt', at)
  if (attribute === undefined) return unknownAt(at, `a computed attribute of ${logicalId}`)
  return unknownAt(at, `attribute ${attribute} of ${logicalId}`, `${logicalId}.${attribute}`)
}

const join: IntrinsicFunction = (args, at, evaluator) => {
  const [delimiterArg, listArg] = argumentList(args, 2) ?? []
  if (!delimiterArg || !listArg) return malformed('Fn::Join', at)
  const delimiter = scalarText(evaluator.value(delimiterArg))
  const list = evaluator.value(listArg)
  if (delimiter === undefined || list?.kind !== 'list') return dependsOn(list ? [list] : [], at)
  const parts = list.items.map(scalarText)
  if (parts.every((part) => part !== undefined)) return stringAt(at, parts.join(delimiter))
  // Unknown elements are holes in the joined text; an element that is not a scalar makes nothing known.
  if (list.items.some((item, i) => parts[i] === undefined && item.kind !== 'unknown')) return dependsOn(list.items, at)
  const pieces = list.items.flatMap((item, i): PatternPiece[] => [...(i > 0 ? [delimiter] : []), parts[i] ?? (item.kind === 'unknown' ? item : {})])
  return partlyKnown(list.items, pieces, at)
}

const select: IntrinsicFunction = (args, at, evaluator) => {
  const [indexArg, listArg] = argumentList(args, 2) ?? []
  if (!indexArg || !listArg) return malformed('Fn::Select', at)
  const index = Number(scalarText(evaluator.value(indexArg)))
  const list = evaluator.value(listArg)
  if (!Number.isInteger(index) || list?.kind !== 'list') return dependsOn(list ? [list] : [], at)
  return list.items[index] ?? unknownAt(at, `Fn::Select index ${index} is out of range`)
}

const split: IntrinsicFunction = (args, at, evaluator) => {
  const [delimiterArg, sourceArg] = argumentList(args, 2) ?? []
  if (!delimiterArg || !sourceArg) return malformed('Fn::Split', at)
  const delimiter = scalarText(evaluator.value(delimiterArg))
  const source = evaluator.value(sourceArg)
  const text = scalarText(source)
  if (delimiter === undefined || delimiter === '' || text === undefined) return dependsOn(source ? [source] : [], at)
  return { kind: 'list', loc: at, items: text.split(delimiter).map((part) => stringAt(at, part)) }
}

const findInMap: IntrinsicFunction = (args, at, evaluator) => {
  const items = argumentList(args, 3, 1)
  if (!items) return malformed('Fn::FindInMap', at)
  const keys = items.slice(0, 3).map((item) => evaluator.value(item))
  const [mapName, topKey, secondKey] = keys.map(scalarText)
  if (mapName === undefined || topKey === undefined || secondKey === undefined) return dependsOn(keys.filter((key) => key !== undefined), at)
  const mapping = field(evaluator.scope.mappings, mapName)
  const top = mapping?.kind === 'map' ? field(mapping, topKey) : undefined
  const found = top?.kind === 'map' ? field(top, secondKey) : undefined
  const fallback = items[3]?.kind === 'map' ? field(items[3], 'DefaultValue') : undefined
  const chosen = found ?? fallback
  if (!chosen) return unknownAt(at, `Mappings has no ${mapName}.${topKey}.${secondKey}`)
  const value = evaluator.value(chosen)
  return value && relocated(value, at)
}

const ifFunction: IntrinsicFunction = (args, at, evaluator) => {
  const [conditionArg, whenTrue, whenFalse] = argumentList(args, 3) ?? []
  const conditionName = scalarText(conditionArg)
  if (conditionName === undefined || !whenTrue || !whenFalse) return malformed('Fn::If', at)
  const holds = evaluator.condition(conditionName)
  if (holds === true) return evaluator.value(whenTrue)
  if (holds === false) return evaluator.value(whenFalse)
  const a = evaluator.value(whenTrue)
  const b = evaluator.value(whenFalse)
  if (a === undefined && b === undefined) return undefined
  if (a !== undefined && b !== undefined && sameValue(a, b)) return a
  return unknownAt(at, `depends on condition ${conditionName}`)
}

const base64: IntrinsicFunction = (args, at, evaluator) => {
  const source = evaluator.value(args)
  const text = scalarText(source)
  return text === undefined ? dependsOn(source ? [source] : [], at) : stringAt(at, Buffer.from(text, 'utf8').toString('base64'))
}

const cidr: IntrinsicFunction = (args, at, evaluator) => {
  const items = argumentList(args, 3)
  if (!items) return malformed('Fn::Cidr', at)
  const [block, count, bits] = items.map((item) => scalarText(evaluator.value(item)))
  const blocks = block === undefined ? undefined : cidrBlocks(block, Number(count), Number(bits))
  return blocks ? { kind: 'list', loc: at, items: blocks.map((text) => stringAt(at, text)) } : unknownAt(at, 'Fn::Cidr of values the template does not determine')
}

const length: IntrinsicFunction = (args, at, evaluator) => {
  const list = evaluator.value(args)
  return list?.kind === 'list' ? { kind: 'number', loc: at, value: list.items.length } : dependsOn(list ? [list] : [], at)
}

const toJsonString: IntrinsicFunction = (args, at, evaluator) => {
  const value = evaluator.value(args)
  if (!value) return malformed('Fn::ToJsonString', at)
  const unknown = firstUnknown(value)
  return unknown ? dependsOn([unknown], at) : stringAt(at, JSON.stringify(toPlainJson(value)))
}

function conditionResult(result: boolean | undefined, at: SourceRange): Value {
  return result === undefined ? unknownAt(at, 'a condition the template does not determine') : { kind: 'bool', loc: at, value: result }
}

/** Condition functions used as values (`Fn::Equals` in a property) evaluate to a boolean when determined. */
function conditionCall(name: string): IntrinsicFunction {
  return (args, at, evaluator) => conditionResult(evaluator.test({ kind: 'map', loc: at, entries: [{ key: name, keyLoc: at, value: args }] }), at)
}

const FUNCTIONS: Record<string, IntrinsicFunction> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': (args, at, evaluator) => substitute(args, at, evaluator),
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::FindInMap': findInMap,
  'Fn::If': ifFunction,
  'Fn::ImportValue': (args, at, evaluator) => {
    const name = scalarText(evaluator.value(args))
    return unknownAt(at, name === undefined ? 'a value exported by another stack' : `the value another stack exports as ${name}`)
  },
  'Fn::Base64': base64,
  'Fn::Cidr': cidr,
  'Fn::GetAZs': (_args, at) => unknownAt(at, 'the availability zones of the deployment region'),
  'Fn::Length': length,
  'Fn::ToJsonString': toJsonString,
  'Fn::Transform': (_args, at) => unknownAt(at, 'the output of a template macro (Fn::Transform)'),
  'Fn::Equals': conditionCall('Fn::Equals'),
  'Fn::And': conditionCall('Fn::And'),
  'Fn::Or': conditionCall('Fn::Or'),
  'Fn::Not': conditionCall('Fn::Not'),
}
