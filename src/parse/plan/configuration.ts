import { field, path, type MapValue, type Value } from '../value.js'

/** A resource's configuration `expressions` and the module prefix its references are relative to. */
export interface ResourceConfiguration {
  expressions?: MapValue
  /** `module.api.` inside module api, empty in the root module. */
  modulePrefix: string
}

export type ConfigurationIndex = (moduleAddress: string, address: string) => ResourceConfiguration

/** References that do not name a resource or data source (inputs, locals, iterators, module outputs). */
const NOT_A_RESOURCE = /^(?:var|local|each|count|path|terraform|self|module)\./

/**
 * The plan's `configuration` section, indexed by configuration address (`module.api.aws_x.y`, instance keys
 * dropped), for the expressions each planned resource was configured with.
 */
export function configurationIndex(plan: MapValue): ConfigurationIndex {
  const expressionsByAddress = new Map<string, MapValue>()
  for (const { module, prefix } of configurationModules(plan)) {
    const resources = field(module, 'resources')
    for (const resource of resources?.kind === 'list' ? resources.items : []) {
      const address = path(resource, 'address')
      const expressions = path(resource, 'expressions')
      if (address?.kind === 'string' && expressions?.kind === 'map') expressionsByAddress.set(prefix + address.value, expressions)
    }
  }
  return (moduleAddress, address) => {
    const modulePrefix = moduleAddress ? `${moduleAddress}.` : ''
    const local = address.startsWith(modulePrefix) ? address.slice(modulePrefix.length) : address
    return { expressions: expressionsByAddress.get(withoutInstanceKeys(modulePrefix + local)), modulePrefix }
  }
}

/** The root module's configuration and every called module's, each with its address prefix (`module.api.`). */
export function configurationModules(plan: MapValue): { module: MapValue; prefix: string }[] {
  const found: { module: MapValue; prefix: string }[] = []
  const walk = (module: Value | undefined, prefix: string): void => {
    if (module?.kind !== 'map') return
    found.push({ module, prefix })
    const calls = field(module, 'module_calls')
    for (const call of calls?.kind === 'map' ? calls.entries : []) walk(path(call.value, 'module'), `${prefix}module.${call.key}.`)
  }
  walk(path(plan, 'configuration.root_module'), '')
  return found
}

/**
 * The resource an expression refers to, when its references are one traversal and its prefixes
 * (`aws_iam_policy.p.arn`, `aws_iam_policy.p`); anything else (templates, several references) names nothing.
 */
export function singleReference(expression: Value | undefined, modulePrefix: string): string | undefined {
  const references = path(expression, 'references')
  const names = references?.kind === 'list' ? references.items.flatMap((item) => (item.kind === 'string' ? [item.value] : [])) : []
  const [first] = names
  if (!first || NOT_A_RESOURCE.test(first) || !names.every((name) => first === name || first.startsWith(`${name}.`) || first.startsWith(`${name}[`))) return undefined
  return modulePrefix + first
}

/** `module.a["x"].aws_iam_role.r[0]` → `module.a.aws_iam_role.r`. */
function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '')
}
