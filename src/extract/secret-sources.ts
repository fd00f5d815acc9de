import type { CredentialAttribute, Environment, UserData } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'
import { attr } from '../model/source.js'
import { parseJsonValue } from '../parse/json.js'
import type { MapValue, Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { items, toString } from './values.js'

/*
 * Framework-neutral readers for the places secrets hide: environment variable maps, container
 * definitions (JSON text or structured), instance user data (plain or base64), credential attributes.
 */

type Variable = Environment['variables'][number]

/** `{ NAME = "value" }` / `Variables: { NAME: value }`. */
export function variablesOfMap(value: Value | undefined): Variable[] {
  if (value?.kind !== 'map') return []
  return value.entries.map((e) => ({ name: e.key, nameLoc: e.keyLoc, value: toString(e.value) }))
}

/**
 * The `environment` name/value pairs of ECS container definitions or a Batch container: a JSON string
 * (heredoc, jsonencode, file()) or an already structured list/map. Keys are matched ignoring case
 * because the API's JSON (`name`) and CloudFormation (`Name`) spell them differently.
 */
export function variablesOfContainers(value: Value | undefined, owner: ResourceMeta, context: ExtractContext): Variable[] {
  const containers = structured(value, owner, context)
  return items(containers).flatMap((container) =>
    items(fieldIgnoringCase(container, 'environment')).flatMap((pair): Variable[] => {
      const name = fieldIgnoringCase(pair, 'name')
      const variableValue = fieldIgnoringCase(pair, 'value')
      if (name?.kind !== 'string' || !variableValue) return []
      return [{ name: name.value, nameLoc: name.loc, value: toString(variableValue) }]
    }),
  )
}

function structured(value: Value | undefined, owner: ResourceMeta, context: ExtractContext): Value | undefined {
  if (value?.kind !== 'string') return value
  const parsed = parseJsonValue(value.value, value.textOrigin ?? { file: value.loc.file, fixed: value.loc })
  if (parsed.error) context.diagnostics.push({ kind: 'parse-error', message: `${owner.address}: container definitions are not valid JSON: ${parsed.error.message}`, loc: parsed.error.loc })
  return parsed.value
}

function fieldIgnoringCase(value: Value | undefined, key: string): Value | undefined {
  if (value?.kind !== 'map') return undefined
  const wanted = key.toLowerCase()
  return (value as MapValue).entries.find((e) => e.key.toLowerCase() === wanted)?.value
}

/** User data as the instance will see it: base64 decoded when it is base64 text, `Fn::Base64` of a literal read through. */
export function userDataOf(value: Value | undefined, meta: ResourceMeta): UserData | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'map' && value.entries.length === 1 && value.entries[0]!.key === 'Fn::Base64') return userDataOf(value.entries[0]!.value, meta)
  if (value.kind !== 'string') return { meta, text: toString(value) }
  const decoded = decodeBase64Text(value.value)
  if (decoded !== undefined) return { meta, text: attr(decoded, value.loc) }
  return { meta, text: attr(value.value, value.loc), ...(value.textOrigin ? { firstTextLine: value.textOrigin.line } : {}) }
}

/** Text when `encoded` is base64 of printable UTF-8; undefined for anything else (plain scripts stay as written). */
export function decodeBase64Text(encoded: string): string | undefined {
  const compact = encoded.replace(/\s+/g, '')
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined
  const text = Buffer.from(compact, 'base64').toString('utf8')
  // eslint-disable-next-line no-control-regex
  return /[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(text) ? undefined : text
}

/** Records an attribute meant to hold a secret when the source sets it. */
export function addCredential(context: ExtractContext, meta: ResourceMeta, value: Value | undefined, purpose: string): void {
  if (!value || value.kind === 'null') return
  if (value.kind === 'string' && value.value.trimStart().startsWith('{')) {
    // A secret written as JSON text is structured too; text that is not a JSON object stays one value.
    const parsed = parseJsonValue(value.value, value.textOrigin ?? { file: value.loc.file, fixed: value.loc })
    if (parsed.value?.kind === 'map') return addCredential(context, meta, parsed.value, purpose)
  }
  if (value.kind === 'map') {
    // A structured secret (jsonencode({ username = "app", password = "…" })): each field, named.
    for (const e of value.entries) if (e.value.kind !== 'null') context.model.secrets.credentials.push({ meta, purpose, field: e.key, value: toString(e.value) })
    return
  }
  context.model.secrets.credentials.push(credentialWhereWritten(meta, purpose, value))
}

/** A value read through a parameter sits where its default is written; the property that uses it becomes `usedAt`. */
function credentialWhereWritten(meta: ResourceMeta, purpose: string, value: Value): CredentialAttribute {
  const read = toString(value)
  if (!value.writtenAt) return { meta, purpose, value: read }
  return { meta, purpose, value: { ...read, loc: value.writtenAt }, usedAt: value.loc }
}

export function addEnvironment(context: ExtractContext, meta: ResourceMeta, service: string, variables: Variable[]): void {
  if (variables.length > 0) context.model.secrets.environments.push({ meta, service, variables })
}

export function addUserData(context: ExtractContext, userData: UserData | undefined): void {
  if (userData) context.model.secrets.userData.push(userData)
}
