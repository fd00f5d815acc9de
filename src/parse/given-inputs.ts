import type { SourceRange } from '../model/source.js'
import { parseJsonValue } from './json.js'
import type { Diagnostic } from './types.js'
import { field, type Value } from './value.js'

/**
 * Values given outside the scanned files, as the deploying command takes them: Terraform's
 * `-var-file FILE` and `-var name=value` (in that order of precedence, after auto-loaded tfvars), and
 * CloudFormation parameters (`aws cloudformation … --parameters file://…`, or `Key=Value` pairs).
 */
export interface GivenInputs {
  /** Terraform variable files (HCL `.tfvars` or `.tfvars.json`), paths relative to the scan root. */
  varFiles?: { path: string; text: string }[]
  /** `name=value`, later ones win. */
  vars?: { name: string; value: string }[]
  /** CloudFormation parameter files: `[{"ParameterKey": …, "ParameterValue": …}]` or `{"Parameters": {…}}`. */
  parameterFiles?: { path: string; text: string }[]
  /** `Key=Value`, after the files, later ones win. */
  parameters?: { key: string; value: string }[]
}

/** `name=value` as the command line writes it; undefined when there is no `=` or no name. */
export function splitAssignment(text: string): { name: string; value: string } | undefined {
  const at = text.indexOf('=')
  const name = at > 0 ? text.slice(0, at).trim() : ''
  return name ? { name, value: text.slice(at + 1) } : undefined
}

/**
 * CloudFormation parameter values by key, each positioned where its file writes it; a value given as
 * `Key=Value` has no line of its own (`at` places it: the parameter's declaration in each template).
 */
export function parameterValues(given: GivenInputs): { files: Map<string, Value>; pairs: Map<string, string>; diagnostics: Diagnostic[] } {
  const files = new Map<string, Value>()
  const diagnostics: Diagnostic[] = []
  for (const file of given.parameterFiles ?? []) {
    const parsed = parseJsonValue(file.text, { file: file.path, line: 1, column: 1 })
    if (!parsed.value) {
      diagnostics.push({ kind: 'parse-error', message: `parameters file: ${parsed.error!.message}`, loc: parsed.error!.loc })
      continue
    }
    const root = parsed.value
    const named = root.kind === 'map' ? field(root, 'Parameters') : undefined
    if (named?.kind === 'map') for (const e of named.entries) files.set(e.key, e.value)
    else if (root.kind === 'list') {
      for (const item of root.items) {
        const key = item.kind === 'map' ? field(item, 'ParameterKey') : undefined
        const value = item.kind === 'map' ? field(item, 'ParameterValue') : undefined
        if (key?.kind === 'string' && value) files.set(key.value, value)
      }
    } else diagnostics.push({ kind: 'parse-error', message: 'a parameters file holds [{"ParameterKey": …, "ParameterValue": …}] or {"Parameters": {…}}', loc: firstLineOf(file.path) })
  }
  const pairs = new Map((given.parameters ?? []).map((p) => [p.key, p.value]))
  return { files, pairs, diagnostics }
}

function firstLineOf(file: string): SourceRange {
  return { file, startLine: 1, endLine: 1 }
}

/** What the command line or the Action's inputs list: file paths and `name=value` texts, as written. */
export interface GivenInputTexts {
  varFiles: string[]
  vars: string[]
  parameterFiles: string[]
  parameters: string[]
}

/**
 * The given inputs, files read through `read` (which says how to name a file in reports), or the
 * first problem: a file that cannot be read, an assignment without a name.
 */
export function collectGivenInputs(texts: GivenInputTexts, read: (path: string) => { path: string; text: string } | undefined): { ok: true; given: GivenInputs } | { ok: false; error: string } {
  const files = (paths: string[], what: string) => paths.map((path) => read(path) ?? `cannot read the ${what} ${path}`)
  const varFiles = files(texts.varFiles, 'variables file')
  const parameterFiles = files(texts.parameterFiles, 'parameters file')
  const unreadable = [...varFiles, ...parameterFiles].find((f): f is string => typeof f === 'string')
  if (unreadable) return { ok: false, error: unreadable }
  const vars = texts.vars.map(splitAssignment)
  const parameters = texts.parameters.map(splitAssignment)
  const malformed = [...texts.vars.filter((_, i) => !vars[i]), ...texts.parameters.filter((_, i) => !parameters[i])]
  if (malformed.length > 0) return { ok: false, error: `expected name=value, got "${malformed[0]}"` }
  return {
    ok: true,
    given: {
      varFiles: varFiles as { path: string; text: string }[],
      parameterFiles: parameterFiles as { path: string; text: string }[],
      vars: vars.map((v) => v!),
      parameters: parameters.map((p) => ({ key: p!.name, value: p!.value })),
    },
  }
}
