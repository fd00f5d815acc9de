import { parseJsonValue } from '../json.js'
import type { ParsedUnit, RawLiteral, RawResource } from '../types.js'
import { entry, field, path, type MapValue, type Value } from '../value.js'
import { configurationIndex, type ConfigurationIndex } from './configuration.js'
import { resourceBody } from './body.js'
import { planDeclarationLiterals, planInputs } from './declarations.js'

/**
 * A `terraform show -json` plan: every resource instance of planned_values (root and child
 * modules) with its planned values, unknown where resource_changes says "known after apply";
 * the configuration's variable declarations as inputs, and its constants as literals.
 */
export function parsePlan(file: { path: string; text: string }): ParsedUnit | undefined {
  if (!mightBePlan(file.text)) return undefined
  const parsed = parseJsonValue(file.text, { file: file.path, line: 1, column: 1 })
  if (parsed.error) return { ...emptyUnit(file.path), diagnostics: [{ kind: 'parse-error', message: parsed.error.message, loc: parsed.error.loc }] }
  const plan = parsed.value
  if (plan?.kind !== 'map' || !isPlan(plan)) return undefined
  const unknowns = afterUnknownByAddress(plan)
  const configurations = configurationIndex(plan)
  const planned = modulesOf(path(plan, 'planned_values.root_module')).flatMap((module) => moduleResources(module, unknowns, configurations))
  // Data sources read while planning are not in planned_values but in prior_state (those read only at apply are planned).
  // Only the policy documents Terraform computes from the code are taken: other data sources hold what AWS returned.
  const plannedAddresses = new Set(planned.map((r) => r.address))
  const read = modulesOf(path(plan, 'prior_state.values.root_module'))
    .flatMap((module) => moduleResources(module, unknowns, configurations))
    .filter((r) => r.mode === 'data' && r.type === 'aws_iam_policy_document' && !plannedAddresses.has(r.address))
  const resources = [...planned, ...read]
  return { ...emptyUnit(file.path), resources, inputs: planInputs(plan), literals: [...resources.flatMap(literalsOf), ...planDeclarationLiterals(plan)] }
}

/** Text test before parsing: plans name their format version and planned values or changes near the top. */
function mightBePlan(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"format_version"') && (text.includes('"planned_values"') || text.includes('"resource_changes"'))
}

function isPlan(plan: MapValue): boolean {
  return entry(plan, 'format_version') !== undefined && (entry(plan, 'planned_values') !== undefined || entry(plan, 'resource_changes') !== undefined)
}

/** A module and, recursively, its child modules. */
function modulesOf(module: Value | undefined): MapValue[] {
  if (module?.kind !== 'map') return []
  const children = field(module, 'child_modules')
  return [module, ...(children?.kind === 'list' ? children.items.flatMap(modulesOf) : [])]
}

function moduleResources(module: MapValue, unknowns: Map<string, Value>, configurations: ConfigurationIndex): RawResource[] {
  const moduleAddress = text(field(module, 'address')) ?? ''
  const resources = field(module, 'resources')
  if (resources?.kind !== 'list') return []
  return resources.items.flatMap((resource): RawResource[] => {
    if (resource.kind !== 'map') return []
    const address = text(field(resource, 'address'))
    const type = text(field(resource, 'type'))
    if (address === undefined || type === undefined) return []
    const values = field(resource, 'values')
    const body = resourceBody(values?.kind === 'map' ? values : undefined, unknowns.get(address), configurations(moduleAddress, address), resource.loc)
    const mode = text(field(resource, 'mode')) === 'data' ? 'data' : 'resource'
    return [{ framework: 'terraform', mode, type, address, loc: resource.loc, body, suppressions: [] }]
  })
}

/** resource_changes[].change.after_unknown by resource address. */
function afterUnknownByAddress(plan: MapValue): Map<string, Value> {
  const changes = field(plan, 'resource_changes')
  const byAddress = new Map<string, Value>()
  for (const change of changes?.kind === 'list' ? changes.items : []) {
    const address = text(path(change, 'address'))
    const afterUnknown = path(change, 'change.after_unknown')
    if (address !== undefined && afterUnknown) byAddress.set(address, afterUnknown)
  }
  return byAddress
}

function literalsOf(resource: RawResource): RawLiteral[] {
  const literals: RawLiteral[] = []
  const visit = (value: Value, key: string | undefined): void => {
    if (value.kind === 'string') literals.push({ ...(key !== undefined && { key }), value: value.value, loc: value.loc })
    else if (value.kind === 'list') for (const item of value.items) visit(item, key)
    else if (value.kind === 'map') for (const member of value.entries) visit(member.value, member.key)
  }
  visit(resource.body, undefined)
  return literals
}

function text(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined
}

function emptyUnit(path: string): ParsedUnit {
  return { framework: 'terraform', files: [path], resources: [], inputs: [], literals: [], diagnostics: [] }
}
