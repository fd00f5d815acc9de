import { field, path, type MapValue, type Value } from '../value.js'

/** For a planned resource address, the reference each top-level attribute's configuration expression names, if it is a single one. */
export type ReferenceIndex = (moduleAddress: string, address: string) => (attribute: string) => string | undefined

/** References that do not name a resource or data source (inputs, locals, iterators, module outputs). */
const NOT_A_RESOURCE = /^(?:var|local|each|count|path|terraform|self|module)\./

/**
 * The plan's `configuration` section, indexed by configuration address (`module.api.aws_x.y`, instance keys
 * dropped). An expression whose references are one traversal and its prefixes (`aws_iam_policy.p.arn`,
 * `aws_iam_policy.p`) names that resource; anything else (templates, several references) names nothing.
 */
export function configurationReferences(plan: MapValue): ReferenceIndex {
  const expressionsByAddress = new Map<string, MapValue>()
  const walk = (module: Value | undefined, prefix: string): void => {
    const resources = field(module?.kind === 'map' ? module : undefined, 'resources')
    for (const resource of resources?.kind === 'list' ? resources.items : []) {
      const address = path(resource, 'address')
      const expressions = path(resource, 'expressions')
      if (address?.kind === 'string' && expressions?.kind === 'map') expressionsByAddress.set(prefix + address.value, expressions)
    }
    const calls = path(module, 'module_calls')
    for (const call of calls?.kind === 'map' ? calls.entries : []) walk(path(call.value, 'module'), `${prefix}module.${call.key}.`)
  }
  walk(path(plan, 'configuration.root_module'), '')
  return (moduleAddress, address) => {
    const modulePrefix = moduleAddress ? `${moduleAddress}.` : ''
    const local = address.startsWith(modulePrefix) ? address.slice(modulePrefix.length) : address
    const expressions = expressionsByAddress.get(withoutInstanceKeys(modulePrefix + local))
    return (attribute) => {
      const references = path(field(expressions, attribute), 'references')
      const names = references?.kind === 'list' ? references.items.flatMap((item) => (item.kind === 'string' ? [item.value] : [])) : []
      const [first] = names
      if (!first || NOT_A_RESOURCE.test(first) || !names.every((name) => first === name || first.startsWith(`${name}.`) || first.startsWith(`${name}[`))) return undefined
      return modulePrefix + first
    }
  }
}

/** `module.a["x"].aws_iam_role.r[0]` → `module.a.aws_iam_role.r`. */
function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '')
}
