import { expect } from 'vitest'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'
import type { ParsedUnit, RawResource } from '../../src/parse/types.js'
import { path, type Value } from '../../src/parse/value.js'

/** Parses template lines (joined with newlines) as `template.yaml`; fails the test when it is not recognised. */
export function parseLines(lines: string[], file = 'template.yaml'): ParsedUnit {
  const unit = parseTemplate({ path: file, text: lines.join('\n') })
  expect(unit, 'recognised as a template').toBeDefined()
  return unit!
}

export function resource(unit: ParsedUnit, address: string): RawResource {
  const found = unit.resources.find((candidate) => candidate.address === address)
  expect(found, `resource ${address}`).toBeDefined()
  return found!
}

/** The evaluated value at a dotted path of a resource body (`Properties.RoleName`). */
export function at(unit: ParsedUnit, address: string, dotted: string): Value | undefined {
  return path(resource(unit, address).body, dotted)
}

/** A template with one resource `R` of type AWS::S3::Bucket whose Properties.Value is `expression` (YAML). */
export function valueOf(expression: string, sections: string[] = []): Value | undefined {
  const unit = parseLines([...sections, 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', `      Value: ${expression}`])
  return at(unit, 'R', 'Properties.Value')
}
