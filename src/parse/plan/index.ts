import type { ParsedUnit } from '../types.js'

/** A `terraform show -json` plan, or undefined when the document is not one. Implemented by the plan parser work. */
export function parsePlan(_file: { path: string; text: string }): ParsedUnit | undefined {
  return undefined
}
