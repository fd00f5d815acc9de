import { expect } from 'vitest'
import { parseTerraformModule } from '../../src/parse/terraform/index.js'
import type { ParsedUnit, RawResource } from '../../src/parse/types.js'
import { path, type Value } from '../../src/parse/value.js'
import { createRepoReader } from '../../src/sources/reader.js'

/** The fixture repository file() and templatefile() may read from. */
export const FIXTURE_ROOT = new URL('../fixtures/terraform', import.meta.url).pathname

/** Parses in-memory module files (paths relative to `root`) as one module in `dir`. */
export function evaluateModule(files: Record<string, string>, options: { root?: string; dir?: string } = {}): Promise<ParsedUnit> {
  return parseTerraformModule({
    dir: options.dir ?? '.',
    files: Object.entries(files).map(([file, text]) => ({ path: file, text })),
    reader: createRepoReader(options.root ?? FIXTURE_ROOT),
  })
}

export function resource(unit: ParsedUnit, address: string): RawResource {
  const found = unit.resources.find((r) => r.address === address)
  expect(found, `${address} among ${unit.resources.map((r) => r.address).join(', ')}`).toBeDefined()
  return found!
}

/** The value at a dotted path of a resource body (lists on the way: their first element). */
export function at(unit: ParsedUnit, address: string, dotted: string): Value {
  const value = path(resource(unit, address).body, dotted)
  expect(value, `${address}.${dotted}`).toBeDefined()
  return value!
}

/** A value as plain data with positions reduced to start lines, for compact assertions. */
export function shape(value: Value | undefined): unknown {
  if (!value) return undefined
  switch (value.kind) {
    case 'list':
      return value.items.map(shape)
    case 'map':
      return Object.fromEntries(value.entries.map((e) => [e.key, shape(e.value)]))
    case 'unknown':
      return `<unknown${value.ref ? ` ${value.ref}` : ''}>`
    case 'null':
      return null
    default:
      return value.value
  }
}

/** Every string in a value with its start line: `"s3:*@12"`. */
export function lines(value: Value | undefined): string[] {
  if (!value) return []
  switch (value.kind) {
    case 'list':
      return value.items.flatMap(lines)
    case 'map':
      return value.entries.flatMap((e) => lines(e.value))
    case 'string':
      return [`${value.value}@${value.loc.startLine}`]
    default:
      return []
  }
}
