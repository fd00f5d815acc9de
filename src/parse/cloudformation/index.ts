import type { ParsedUnit } from '../types.js'

/** A CloudFormation/SAM template (YAML or JSON), or undefined when the document is not one. Implemented by the CloudFormation parser work. */
export function parseTemplate(_file: { path: string; text: string }): ParsedUnit | undefined {
  return undefined
}
