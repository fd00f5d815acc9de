import { extractModel, type Extracted } from '../../src/extract/index.js'
import { parseJsonValue } from '../../src/parse/json.js'
import type { Framework, ParsedUnit, RawResource } from '../../src/parse/types.js'
import type { MapValue, StringValue, Value } from '../../src/parse/value.js'

/*
 * Positioned Values for extract unit tests, written as JSON text so every line a test asserts is
 * visible in the test itself. Two string markers say what JSON cannot:
 *   "@unknown(ref)"     an unknown value obtained through `ref` ("@unknown()" has no reference)
 *   "@ref(ref)=text"    the known string `text`, obtained through `ref`
 */

const UNKNOWN = /^@unknown\((.*)\)$/
const REFERENCED = /^@ref\(([^)]*)\)=(.*)$/s

/** `text` as a Value whose first line is line `line` of `file`. */
export function valueOf(text: string, file = 'main.tf', line = 1): Value {
  const { value, error } = parseJsonValue(text, { file, line, column: 1 })
  if (!value) throw new Error(`test JSON: ${error?.message} at line ${error?.loc.startLine}`)
  return withMarkers(value)
}

function withMarkers(value: Value): Value {
  switch (value.kind) {
    case 'string': {
      const unknown = UNKNOWN.exec(value.value)
      if (unknown) return { kind: 'unknown', loc: value.loc, reason: 'not determined by the source', ...(unknown[1] ? { ref: unknown[1] } : {}) }
      const referenced = REFERENCED.exec(value.value)
      if (referenced) return { kind: 'string', loc: value.loc, value: referenced[2]!, ref: referenced[1]! }
      return value
    }
    case 'list':
      return { ...value, items: value.items.map(withMarkers) }
    case 'map':
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: withMarkers(e.value) })) }
    default:
      return value
  }
}

/** A string whose text maps to file lines one to one, starting on the line after `line` (a heredoc body). */
export function heredoc(text: string, file: string, line: number): StringValue {
  const lineCount = text.split('\n').length
  return {
    kind: 'string',
    value: text,
    loc: { file, startLine: line, endLine: line + lineCount + 1 },
    textOrigin: { file, line: line + 1, column: 1 },
  }
}

function asMap(value: Value): MapValue {
  if (value.kind !== 'map') throw new Error(`test JSON: expected an object, found ${value.kind}`)
  return value
}

/** Resources in the shape of a `.tf.json` file: `{ "resource": { "<type>": { "<name>": { … } } } }` (also `data`). */
export function terraformUnit(text: string, file = 'main.tf'): ParsedUnit {
  const root = asMap(valueOf(text, file))
  const resources: RawResource[] = []
  for (const modeEntry of root.entries) {
    const mode = modeEntry.key === 'data' ? 'data' : 'resource'
    for (const typeEntry of asMap(modeEntry.value).entries) {
      for (const nameEntry of asMap(typeEntry.value).entries) {
        const address = `${mode === 'data' ? 'data.' : ''}${typeEntry.key}.${nameEntry.key}`
        const body = asMap(nameEntry.value)
        resources.push({ framework: 'terraform', mode, type: typeEntry.key, address, loc: { ...body.loc, startLine: nameEntry.keyLoc.startLine }, body, suppressions: [] })
      }
    }
  }
  return unitOf('terraform', file, resources)
}

/** Resources of a JSON CloudFormation template; as the parser does, the body is the whole declaration (Type, Properties, …). */
export function cloudformationUnit(text: string, file = 'template.json'): ParsedUnit {
  const root = asMap(valueOf(text, file))
  const resourcesEntry = root.entries.find((e) => e.key === 'Resources')
  const resources: RawResource[] = []
  for (const logical of resourcesEntry ? asMap(resourcesEntry.value).entries : []) {
    const declaration = asMap(logical.value)
    const type = declaration.entries.find((e) => e.key === 'Type')?.value
    resources.push({
      framework: 'cloudformation',
      mode: 'resource',
      type: type?.kind === 'string' ? type.value : '',
      address: logical.key,
      loc: { ...declaration.loc, startLine: logical.keyLoc.startLine },
      body: declaration,
      suppressions: [],
    })
  }
  return unitOf('cloudformation', file, resources)
}

function unitOf(framework: Framework, file: string, resources: RawResource[]): ParsedUnit {
  return { framework, files: [file], resources, inputs: [], literals: [], diagnostics: [] }
}

/** Extracts units the way scan() does. */
export function extract(...units: ParsedUnit[]): Extracted {
  return extractModel(units)
}

/** The 1-based line of the only occurrence of `snippet` in `text`: keeps line assertions readable. */
export function lineOf(text: string, snippet: string): number {
  const at = text.indexOf(snippet)
  if (at < 0 || text.indexOf(snippet, at + 1) >= 0) throw new Error(`test text: "${snippet}" must occur exactly once`)
  return text.slice(0, at).split('\n').length
}
