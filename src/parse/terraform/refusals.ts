import type { SourceRange } from '../../model/source.js'

/*
 * Where evaluation refused input for passing a limit of src/parse/limits.ts (values stacked too deep
 * through references, jsondecode() of JSON nested too deep). Evaluation has no diagnostics of its
 * own: it notes the first refusal here, and the module reader reports it with the block being
 * evaluated, so a refusal is never silent.
 */

let first: { message: string; loc: SourceRange } | undefined

export function noteRefusal(message: string, loc: SourceRange): void {
  first ??= { message, loc }
}

/** The first refusal since the last call, if any. */
export function takeRefusal(): { message: string; loc: SourceRange } | undefined {
  const taken = first
  first = undefined
  return taken
}
