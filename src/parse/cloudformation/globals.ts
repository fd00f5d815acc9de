import { field, type MapEntry, type MapValue, type Value } from '../value.js'
import { isFunctionKey } from './intrinsic-names.js'

/** SAM `Globals` sections and the resource types they apply to. */
const GLOBAL_SECTIONS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
}

/**
 * The resource with its SAM Globals applied, as the SAM transform does: the resource's own values
 * win, maps merge key by key, lists add the global items first. Global values keep their own
 * positions, so a finding about an inherited setting points at the Globals line that set it.
 */
export function withGlobals(resource: MapValue, globals: Value | undefined): MapValue {
  if (globals?.kind !== 'map') return resource
  const type = field(resource, 'Type')
  const section = Object.entries(GLOBAL_SECTIONS).find(([, samType]) => type?.kind === 'string' && type.value === samType)?.[0]
  const globalEntry = section ? globals.entries.find((candidate) => candidate.key === section) : undefined
  if (!globalEntry || globalEntry.value.kind !== 'map') return resource
  const own = resource.entries.find((candidate) => candidate.key === 'Properties')
  if (!own) return { ...resource, entries: [...resource.entries, { key: 'Properties', keyLoc: globalEntry.keyLoc, value: globalEntry.value }] }
  const merged = mergeGlobal(globalEntry.value, own.value)
  return { ...resource, entries: resource.entries.map((candidate) => (candidate === own ? { ...own, value: merged } : candidate)) }
}

function mergeGlobal(global: Value, own: Value): Value {
  if (global.kind === 'list' && own.kind === 'list') return { ...own, items: [...global.items, ...own.items] }
  if (global.kind !== 'map' || own.kind !== 'map' || isCall(global) || isCall(own)) return own
  const entries: MapEntry[] = own.entries.map((ownEntry) => {
    const globalValue = field(global, ownEntry.key)
    return globalValue ? { ...ownEntry, value: mergeGlobal(globalValue, ownEntry.value) } : ownEntry
  })
  for (const globalEntry of global.entries) if (!field(own, globalEntry.key)) entries.push(globalEntry)
  return { ...own, entries }
}

function isCall(map: MapValue): boolean {
  return map.entries.length === 1 && isFunctionKey(map.entries[0]!.key)
}
