import { firstLine, type SourceRange } from '../../model/source.js'
import type { MapEntry, Value } from '../value.js'
import { evaluate } from './evaluate.js'
import { blockScope, declareModule, remember, type Module, type ModuleInstance, type Scope } from './module.js'
import { attribute, type Block } from './syntax.js'
import { stringValue } from './values.js'

/** Arguments of a module block that are Terraform's own, not the module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on'])

/**
 * The instances of a module call, created once per calling instance: one per `for_each` key or
 * `count` index when the caller determines them, else one standing for all. Each is the called
 * module declared afresh, its variables bound to the call's arguments in the caller's scope
 * (defaults only where the call is silent), its addresses prefixed with the instance's address.
 */
export function moduleInstances(module: Module, call: Block): ModuleInstance[] {
  const known = module.instances.get(call)
  if (known) return known
  // A call whose arguments lead back to its own outputs has no instances we can build.
  if (module.evaluating.has(call)) return []
  module.evaluating.add(call)
  try {
    const made = createInstances(module, call)
    module.instances.set(call, made)
    return made
  } finally {
    module.evaluating.delete(call)
  }
}

function createInstances(module: Module, call: Block): ModuleInstance[] {
  const name = call.labels[0]!
  const key = module.key ? `${module.key}.${name}` : name
  const source = module.tree.children.get(key)
  if (!source || !('dir' in source)) return []
  const address = `${module.prefix}module.${name}`
  return instanceKeys(module, call).map(({ key: instanceKey, names, repeated }) => {
    const instanceAddress = instanceKey === undefined ? address : `${address}[${JSON.stringify(instanceKey)}]`
    const child = declareModule(source.dir, module.reader, module.parser, source.files, [], {
      prefix: `${instanceAddress}.`,
      key,
      via: [...module.via, { address: instanceAddress, loc: firstLine(call.range) }],
      tree: module.tree,
    })
    const scope: Scope = { module, names }
    for (const argument of call.body.attributes) {
      const variable = META_ARGUMENTS.has(argument.name) ? undefined : child.variables.get(argument.name)
      if (variable) variable.given = { expr: argument.value, scope }
    }
    return { module: child, ...(instanceKey === undefined ? {} : { key: instanceKey }), repeated }
  })
}

interface InstanceKey {
  key?: string | number
  names: Map<string, Value>
  repeated: boolean
}

/** `for_each` over a known map or set, `count` of a known number; otherwise one instance whose iterator is unknown. */
function instanceKeys(module: Module, call: Block): InstanceKey[] {
  const forEach = attribute(call.body, 'for_each')
  const count = attribute(call.body, 'count')
  const unknownInstance = (): InstanceKey[] => [{ names: blockScope(module, call).names!, repeated: true }]
  if (forEach) {
    const collection = evaluate(forEach.value, { module })
    const entries: MapEntry[] | undefined =
      collection.kind === 'map'
        ? collection.entries
        : collection.kind === 'list' && collection.items.every((item) => item.kind === 'string')
          ? collection.items.map((item) => ({ key: (item as { value: string }).value, keyLoc: item.loc, value: item }))
          : undefined
    if (!entries) return unknownInstance()
    return entries.map((e) => {
      const each: Value = { kind: 'map', entries: [{ key: 'key', keyLoc: e.keyLoc, value: stringValue(e.key, e.keyLoc) }, { key: 'value', keyLoc: e.keyLoc, value: e.value }], loc: forEach.value.range }
      return { key: e.key, names: new Map([['each', each]]), repeated: false }
    })
  }
  if (count) {
    const number = evaluate(count.value, { module })
    if (number.kind !== 'number' || !Number.isInteger(number.value) || number.value < 0) return unknownInstance()
    return Array.from({ length: number.value }, (_, index) => {
      const countValue: Value = { kind: 'map', entries: [{ key: 'index', keyLoc: count.value.range, value: { kind: 'number', value: index, loc: count.value.range } }], loc: count.value.range }
      return { key: index, names: new Map([['count', countValue]]), repeated: false }
    })
  }
  return [{ names: new Map(), repeated: false }]
}

/** An output of a module instance, evaluated in it once; undefined when the module declares no such output. */
export function outputValue(module: Module, name: string): Value | undefined {
  const value = module.outputs.get(name) && attribute(module.outputs.get(name)!.body, 'value')
  return value && remember(module, value, () => evaluate(value.value, { module }), value.value.range)
}

/** Every output of an instance as an object (`module.x` used whole, or `module.x["k"]`). */
export function outputsObject(module: Module, loc: SourceRange): Value {
  const entries: MapEntry[] = [...module.outputs.keys()].map((name) => ({ key: name, keyLoc: module.outputs.get(name)!.range, value: outputValue(module, name)! }))
  return { kind: 'map', entries: entries.filter((e) => e.value !== undefined), loc }
}
