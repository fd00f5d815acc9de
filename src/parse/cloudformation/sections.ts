import type { RawInput, RawLiteral, RawResource } from '../types.js'
import { field, type MapEntry, type MapValue, type Value } from '../value.js'
import { scalarText } from './build.js'
import type { Evaluator, TemplateParameter, TemplateScope } from './evaluate.js'
import { withGlobals } from './globals.js'
import { isFunctionKey } from './intrinsic-names.js'
import { spanning } from './locate.js'
import { suppressionsOf } from './suppressions.js'

function mapOf(value: Value | undefined): MapValue | undefined {
  return value?.kind === 'map' ? value : undefined
}

/** Parameter values given for a deployment: from parameter files (positioned there) and `Key=Value` pairs. */
export interface TemplateParameterValues {
  files: Map<string, Value>
  pairs: Map<string, string>
}

/** What intrinsic functions can refer to: parameters, mappings, conditions and resource logical IDs. */
export function scopeOf(template: MapValue, given?: TemplateParameterValues): TemplateScope {
  const parameters = new Map<string, TemplateParameter>()
  for (const { key, keyLoc, value } of mapOf(field(template, 'Parameters'))?.entries ?? []) {
    const declaration = mapOf(value)
    const type = scalarText(field(declaration, 'Type'))
    // A value given for the deployment replaces the default; a `Key=Value` pair is placed at the declaration.
    const pair = given?.pairs.get(key)
    const fallback = pair !== undefined ? ({ kind: 'string', value: pair, loc: keyLoc } as const) : (given?.files.get(key) ?? field(declaration, 'Default'))
    parameters.set(key, { ...(type !== undefined && { type }), ...(fallback !== undefined && { default: fallback }) })
  }
  const conditions = new Map((mapOf(field(template, 'Conditions'))?.entries ?? []).map((entry): [string, Value] => [entry.key, entry.value]))
  const resourceIds = new Set((mapOf(field(template, 'Resources'))?.entries ?? []).map((entry) => entry.key))
  const mappings = mapOf(field(template, 'Mappings'))
  return { parameters, conditions, resourceIds, ...(mappings && { mappings }) }
}

/**
 * Each `Resources` entry with a Type, Globals applied and intrinsics evaluated; the body keeps every resource key.
 * `repeated`: entries that stand for every item of a loop whose collection is not determined.
 */
export function resourcesOf(template: MapValue, evaluator: Evaluator, repeated: ReadonlySet<MapEntry> = new Set()): RawResource[] {
  const globals = field(template, 'Globals')
  const samGlobals = globals && mapOf(evaluator.value(globals))
  return (mapOf(field(template, 'Resources'))?.entries ?? []).flatMap((entry): RawResource[] => {
    const declaration = mapOf(entry.value)
    const type = field(declaration, 'Type')
    if (!declaration || type?.kind !== 'string') return []
    const evaluated = evaluator.value(withGlobals(declaration, globals))
    const body = mapOf(evaluated) ?? { ...declaration, entries: [] }
    return [
      {
        framework: 'cloudformation',
        mode: 'resource',
        type: type.value,
        address: entry.key,
        loc: spanning(entry.keyLoc, entry.value.loc),
        body,
        suppressions: suppressionsOf(body),
        ...(repeated.has(entry) && { repeated: true }),
        ...(samGlobals && type.value === 'AWS::Serverless::Function' && { samGlobals }),
      },
    ]
  })
}

export function inputsOf(template: MapValue): RawInput[] {
  return (mapOf(field(template, 'Parameters'))?.entries ?? []).map((entry): RawInput => {
    const declaration = mapOf(entry.value)
    const noEcho = field(declaration, 'NoEcho')
    const fallback = field(declaration, 'Default')
    return {
      framework: 'cloudformation',
      name: entry.key,
      loc: spanning(entry.keyLoc, entry.value.loc),
      hidden: scalarText(noEcho)?.toLowerCase() === 'true',
      ...(noEcho && { hiddenLoc: noEcho.loc }),
      ...(fallback?.kind === 'string' && { defaultValue: fallback }),
    }
  })
}

const LITERAL_SECTIONS = ['Resources', 'Parameters', 'Outputs', 'Mappings', 'Globals']

/** Every string written in the sections that carry values, with the key it sits under (function names skipped). */
export function literalsOf(template: MapValue): RawLiteral[] {
  const literals: RawLiteral[] = []
  const visit = (value: Value, key: string | undefined): void => {
    if (value.kind === 'string') literals.push({ ...(key !== undefined && { key }), value: value.value, loc: value.loc })
    else if (value.kind === 'list') for (const item of value.items) visit(item, key)
    else if (value.kind === 'map') for (const entry of value.entries) visit(entry.value, isFunctionKey(entry.key) ? key : entry.key)
  }
  for (const section of LITERAL_SECTIONS) {
    const value = field(template, section)
    if (value) visit(value, undefined)
  }
  return literals
}
