import { emptyModel, type AwsModel } from '../../src/model/aws.js'
import { createContext, type ExtractContext, type Handler } from '../../src/extract/context.js'
import { parseJsonValue } from '../../src/parse/json.js'
import type { Framework, RawResource } from '../../src/parse/types.js'
import type { MapValue, Value } from '../../src/parse/value.js'

/*
 * Hand-built resources for extract tests, independent of the parsers: the body is JSON laid out from
 * `line` on, so every value has a real position. Strings written `${ref}` become unknown values
 * carrying that reference; `${ref}=text` become the known string `text` reached through `ref`.
 */

export interface ResourceSpec {
  type: string
  address: string
  /** JSON of the resource body (Terraform block content or CloudFormation Properties). */
  body: string
  /** First line of the resource; the body starts on the next line. */
  line?: number
  file?: string
  framework?: Framework
}

export function rawResource(spec: ResourceSpec): RawResource {
  const file = spec.file ?? 'main.tf'
  const line = spec.line ?? 1
  const parsed = parseJsonValue(spec.body, { file, line: line + 1, column: 1 })
  if (!parsed.value || parsed.value.kind !== 'map') throw new Error(`bad fixture body: ${parsed.error?.message}`)
  const body = withReferences(parsed.value) as MapValue
  const endLine = body.loc.endLine + 1
  return {
    framework: spec.framework ?? (file.endsWith('.tf') ? 'terraform' : 'cloudformation'),
    mode: 'resource',
    type: spec.type,
    address: spec.address,
    loc: { file, startLine: line, endLine },
    body,
    suppressions: [],
  }
}

function withReferences(value: Value): Value {
  switch (value.kind) {
    case 'map':
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: withReferences(e.value) })) }
    case 'list':
      return { ...value, items: value.items.map(withReferences) }
    case 'string': {
      const match = /^\$\{([^}]+)\}(?:=(.*))?$/s.exec(value.value)
      if (!match) return value
      return match[2] === undefined
        ? { kind: 'unknown', loc: value.loc, ref: match[1], reason: `computed: ${match[1]}` }
        : { kind: 'string', loc: value.loc, ref: match[1], value: match[2] }
    }
    default:
      return value
  }
}

/** Runs the given handler tables over the resources (in order), then the deferred joins. */
export function extractWith(tables: Record<string, Handler>[], specs: ResourceSpec[], prepare?: (context: ExtractContext) => void): AwsModel {
  const context = createContext(emptyModel())
  prepare?.(context)
  for (const spec of specs) {
    const resource = rawResource(spec)
    for (const table of tables) table[resource.type]?.(resource, context)
  }
  context.runDeferred()
  return context.model
}
