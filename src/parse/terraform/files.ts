import { posix } from 'node:path'
import type { SourceRange } from '../../model/source.js'
import type { Value } from '../value.js'
import { evaluate } from './evaluate.js'
import { parseTemplateText } from './hcl-syntax.js'
import type { Module } from './module.js'
import { failure, unknown } from './values.js'

/** A path written in the module, relative to the scan root; undefined for absolute paths (never read). */
function modulePath(module: Module, written: string): string | undefined {
  if (posix.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written)) return undefined
  return posix.normalize(posix.join(module.dir, written))
}

/** file(): the text, positioned in its own file; only files inside the repository are read (the reader refuses the rest). */
export function readModuleFile(module: Module, written: string, loc: SourceRange): Value {
  const path = modulePath(module, written)
  const text = path === undefined ? undefined : module.reader.readText(path)
  if (path === undefined || text === undefined) return unknown(`file("${written}") is outside the repository or cannot be read`, loc)
  return { kind: 'string', value: text, loc, textOrigin: { file: path, line: 1, column: 1 } }
}

/** templatefile(): the file as a template whose `${name}` are the given variables; directives and unknown variables stay unknown. */
export function templateFile(module: Module, written: string, variables: Value | undefined, loc: SourceRange): Value {
  const file = readModuleFile(module, written, loc)
  if (file.kind !== 'string') return file
  const path = file.textOrigin!.file
  const template = parseTemplateText(module.parser, path, file.value)
  if ('message' in template) return failure(`templatefile("${written}"): ${template.message}`, template.loc)
  const names = new Map<string, Value>()
  if (variables?.kind === 'map') for (const e of variables.entries) names.set(e.key, e.value)
  else if (variables?.kind !== 'unknown') return failure('templatefile() needs an object of variables', loc)
  const value = evaluate(template, { module, names, template: { variablesKnown: variables.kind === 'map' } })
  // The result is used where the call is written; its text keeps the template file's lines.
  return value.kind === 'string' ? { ...value, loc } : value
}
