import type { SourceRange } from '../model/source.js'
import { parseYamlValue } from '../parse/cloudformation/yaml.js'
import type { Value } from '../parse/value.js'

/*
 * A rulebook file as data plus positions: the plain JSON the schema validates, and the positioned
 * value tree that turns a JSON pointer back into `file:line:column`.
 */

/** Everything that can be wrong with a rulebook, pointed at the line that is wrong. */
export interface RulebookError {
  file: string
  line: number
  column: number
  message: string
}

export function formatRulebookError(error: RulebookError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`
}

export interface RulebookDocument {
  /** How the file is named in messages: `.github/policygate.yml`, `policygate:strict`, `acme/policies/org.yml@v2`. */
  name: string
  data: unknown
  root: Value
}

export function parseRulebookText(text: string, name: string): { document: RulebookDocument } | { errors: RulebookError[] } {
  const parsed = parseYamlValue(text, name)
  if (parsed.error) return { errors: [errorAt(parsed.error.loc, parsed.error.message)] }
  const root: Value = parsed.value ?? { kind: 'map', entries: [], loc: { file: name, startLine: 1, endLine: 1, startColumn: 1 } }
  const problems: RulebookError[] = []
  const data = plain(root, problems)
  return problems.length > 0 ? { errors: problems } : { document: { name, data, root } }
}

function plain(value: Value, problems: RulebookError[]): unknown {
  switch (value.kind) {
    case 'map':
      // fromEntries defines own properties: a key such as `__proto__` stays a key, never a prototype.
      return Object.fromEntries(value.entries.map((e) => [e.key, plain(e.value, problems)]))
    case 'list':
      return value.items.map((item) => plain(item, problems))
    case 'null':
      return null
    case 'unknown':
      problems.push(errorAt(value.loc, `a rulebook is plain YAML: ${value.reason} is not allowed`))
      return null
    default:
      return value.value
  }
}

/** The node at a JSON pointer path (`['rules', 'iam/full-admin', 'severity']`), or the deepest one on the way. */
export function nodeAt(root: Value, path: readonly (string | number)[]): { value: Value; keyLoc?: SourceRange } {
  let current: { value: Value; keyLoc?: SourceRange } = { value: root }
  for (const step of path) {
    const here = current.value
    if (here.kind === 'map') {
      const entry = here.entries.find((e) => e.key === String(step))
      if (!entry) return current
      current = { value: entry.value, keyLoc: entry.keyLoc }
    } else if (here.kind === 'list') {
      const item = here.items[Number(step)]
      if (!item) return current
      current = { value: item }
    } else {
      return current
    }
  }
  return current
}

export function errorAt(loc: SourceRange, message: string): RulebookError {
  return { file: loc.file, line: loc.startLine, column: loc.startColumn ?? 1, message }
}

/** An error about a whole file (it could not be read at all). */
export function fileError(file: string, message: string): RulebookError {
  return { file, line: 1, column: 1, message }
}
