import type { SourceRange } from '../../model/source.js'
import { parseJsonValue } from '../json.js'
import { LIMIT_PASSED } from '../limits.js'
import { noteRefusal } from './refusals.js'
import { joinPattern, type PatternPiece } from '../../model/pattern.js'
import { isWhollyKnown, toPlainJson, type ListValue, type MapEntry, type UnknownValue, type Value } from '../value.js'
import { readModuleFile, templateFile } from './files.js'
import type { Scope } from './module.js'
import type { Expr } from './syntax.js'
import { COLLECTION_FUNCTIONS } from './collection-functions.js'
import { replaceRegex, STRING_FUNCTIONS } from './string-functions.js'
import { failure, isFailure, sameValue, stringValue, templateText, unknown } from './values.js'

type Call = Extract<Expr, { kind: 'call' }>
type Evaluate = (expr: Expr, scope: Scope) => Value
type Builtin = (args: Value[], loc: SourceRange, scope: Scope) => Value

/** Calls a Terraform function when its result is determined by known arguments; any other function is unknown. */
export function callFunction(call: Call, scope: Scope, evaluate: Evaluate): Value {
  const loc = call.range
  const builtin = BUILTINS[call.name]
  if (!builtin) return unknown(`function ${call.name}() is not evaluated`, loc)
  let args = call.args.map((arg) => evaluate(arg, scope))
  if (call.expandFinal) {
    const final = args[args.length - 1]
    if (final?.kind !== 'list') return unknown(`the expanded argument of ${call.name}() is not a known list`, loc)
    args = [...args.slice(0, -1), ...final.items]
  }
  // try(), can() and coalesce() decide for themselves what an unknown or failed argument means.
  if (call.name !== 'try' && call.name !== 'can' && call.name !== 'coalesce') {
    const failed = args.find(isFailure)
    if (failed) return failed
  }
  return builtin(args, loc, scope)
}

/** Whether calls of this function are evaluated (any other leaves an unknown that names it). */
export function isEvaluatedFunction(name: string): boolean {
  return Object.hasOwn(BUILTINS, name)
}

const BUILTINS: Record<string, Builtin> = {
  jsonencode: ([arg], loc) => (arg ? jsonencode(arg, loc) : failure('jsonencode() needs an argument', loc)),
  jsondecode: ([arg], loc) => (arg ? jsondecode(arg, loc) : failure('jsondecode() needs an argument', loc)),
  file: ([path], loc, scope) => withString(path, loc, (p) => readModuleFile(scope.module, p, loc)),
  templatefile: ([path, vars], loc, scope) => withString(path, loc, (p) => templateFile(scope.module, p, vars, loc)),
  merge,
  concat,
  lookup,
  format,
  join: ([separator, list], loc) => withString(separator, loc, (s) => joinList(s, list, loc)),
  split: ([separator, text], loc) =>
    withString(separator, loc, (s) => withString(text, loc, (t) => ({ kind: 'list', items: t.split(s).map((p) => stringValue(p, loc)), loc }))),
  lower: ([text], loc) => withString(text, loc, (t) => stringValue(t.toLowerCase(), loc)),
  upper: ([text], loc) => withString(text, loc, (t) => stringValue(t.toUpperCase(), loc)),
  trimspace: ([text], loc) => withString(text, loc, (t) => stringValue(t.trim(), loc)),
  chomp: ([text], loc) => withString(text, loc, (t) => stringValue(t.replace(/(\r\n|\n|\r)+$/, ''), loc)),
  replace: ([text, search, replacement], loc) =>
    withString(text, loc, (t) =>
      withString(search, loc, (s) =>
        withString(replacement, loc, (r) =>
          // A /…/ pattern is an RE2 regular expression, as in Terraform.
          s.length > 1 && s.startsWith('/') && s.endsWith('/') ? replaceRegex(t, s.slice(1, -1), r, loc) : stringValue(t.split(s).join(r), loc),
        ),
      ),
    ),
  base64encode: ([text], loc) => withString(text, loc, (t) => stringValue(Buffer.from(t, 'utf8').toString('base64'), loc)),
  base64decode: ([text], loc) => withString(text, loc, (t) => stringValue(Buffer.from(t, 'base64').toString('utf8'), loc)),
  tostring: ([value], loc) => (value && (value.kind === 'string' || value.kind === 'unknown') ? value : withScalarText(value, loc)),
  tolist: ([value], loc) => asList(value, loc),
  toset: ([value], loc) => distinct([asList(value, loc)], loc),
  tomap: ([value], loc) => (value?.kind === 'map' || value?.kind === 'unknown' ? value : failure('tomap() needs an object', loc)),
  try: ([...args], loc) => args.find((arg) => !isFailure(arg)) ?? failure('every try() argument failed', loc),
  // An unknown argument may or may not fail once known.
  can: ([arg], loc) => (arg && isFailure(arg) ? { kind: 'bool', value: false, loc } : arg?.kind === 'unknown' ? unknown(arg.reason, loc, arg.ref) : { kind: 'bool', value: true, loc }),
  formatlist,
  coalesce,
  flatten: ([value], loc) => flatten(value, loc),
  distinct,
  element,
  length,
  compact,
  ...COLLECTION_FUNCTIONS,
  ...STRING_FUNCTIONS,
}

function withString(value: Value | undefined, loc: SourceRange, use: (text: string) => Value): Value {
  if (value?.kind === 'string') return use(value.value)
  if (value?.kind === 'number' || value?.kind === 'bool') return use(String(value.value))
  if (value?.kind === 'unknown') return unknown(value.reason, loc)
  return failure(`expected a string, found ${value?.kind ?? 'nothing'}`, loc)
}

function withStrings(value: Value | undefined, loc: SourceRange, use: (texts: string[]) => Value): Value {
  if (value?.kind !== 'list') return value?.kind === 'unknown' ? unknown(value.reason, loc) : failure('expected a list', loc)
  const texts = value.items.map((item) => (item.kind === 'string' || item.kind === 'number' || item.kind === 'bool' ? String(item.value) : undefined))
  if (texts.some((t) => t === undefined)) return unknown('a list element is not a known string', loc)
  return use(texts as string[])
}

/** join() of known strings; when some elements are unknown strings, an unknown with them as holes. */
function joinList(separator: string, list: Value | undefined, loc: SourceRange): Value {
  const items = list?.kind === 'list' ? list.items : []
  const firstUnknown = items.find((item): item is UnknownValue => item.kind === 'unknown')
  const scalarsOrUnknown = items.every((item) => item.kind === 'unknown' || item.kind === 'string' || item.kind === 'number' || item.kind === 'bool')
  if (!firstUnknown || !scalarsOrUnknown) return withStrings(list, loc, (texts) => stringValue(texts.join(separator), loc))
  const pieces = items.flatMap((item, i): PatternPiece[] => [...(i > 0 ? [separator] : []), item.kind === 'unknown' ? item : templateText(item)!])
  return unknown(firstUnknown.reason, loc, undefined, joinPattern(pieces))
}

function withScalarText(value: Value | undefined, loc: SourceRange): Value {
  return value?.kind === 'number' || value?.kind === 'bool' ? stringValue(String(value.value), loc) : failure('tostring() needs a primitive value', loc)
}

/** Its argument itself, so a policy written in HCL keeps every element's line; a scalar becomes its JSON text. */
function jsonencode(value: Value, loc: SourceRange): Value {
  if (value.kind === 'map' || value.kind === 'list' || value.kind === 'unknown') return value
  return stringValue(JSON.stringify(toPlainJson(value)), loc)
}

function jsondecode(value: Value, loc: SourceRange): Value {
  if (value.kind !== 'string') return value.kind === 'unknown' || value.kind === 'map' || value.kind === 'list' ? value : failure('jsondecode() needs a string', loc)
  const parsed = parseJsonValue(value.value, value.textOrigin ?? { file: loc.file, fixed: loc })
  if (parsed.error?.message.includes(LIMIT_PASSED)) noteRefusal(`jsondecode(): ${parsed.error.message}`, parsed.error.loc)
  return parsed.value ?? failure(`jsondecode(): ${parsed.error!.message}`, loc)
}

function merge(args: Value[], loc: SourceRange): Value {
  const entries: MapEntry[] = []
  for (const arg of args) {
    if (arg.kind === 'null') continue
    if (arg.kind === 'unknown') return unknown(arg.reason, loc)
    if (arg.kind !== 'map') return failure('merge() needs objects', loc)
    for (const e of arg.entries) {
      const at = entries.findIndex((existing) => existing.key === e.key)
      if (at >= 0) entries[at] = e
      else entries.push(e)
    }
  }
  return { kind: 'map', entries, loc }
}

function concat(args: Value[], loc: SourceRange): Value {
  const items: Value[] = []
  for (const arg of args) {
    if (arg.kind === 'unknown') return unknown(arg.reason, loc)
    if (arg.kind !== 'list') return failure('concat() needs lists', loc)
    items.push(...arg.items)
  }
  return { kind: 'list', items, loc }
}

function lookup([map, key, fallback]: Value[], loc: SourceRange): Value {
  if (map?.kind === 'unknown') return unknown(map.reason, loc)
  if (map?.kind !== 'map') return failure('lookup() needs an object', loc)
  return withString(key, loc, (k) => map.entries.find((e) => e.key === k)?.value ?? fallback ?? failure(`no "${k}" in this object`, loc))
}

/** The verbs real configurations use (%s %d %v %q %%); anything fancier is not evaluated. Unknown arguments leave holes in the pattern. */
function format([spec, ...args]: Value[], loc: SourceRange): Value {
  return withString(spec, loc, (text) => {
    const pieces: PatternPiece[] = []
    let next = 0
    let last = 0
    let unsupported = false
    let misfit = false
    let unknownArg: UnknownValue | undefined
    for (const match of text.matchAll(/%(.)/g)) {
      pieces.push(text.slice(last, match.index))
      last = match.index + match[0].length
      const verb = match[1]!
      if (verb === '%') {
        pieces.push('%')
        continue
      }
      const arg = args[next++]
      if (!arg || !'sdvq'.includes(verb)) unsupported = true
      else if (arg.kind === 'unknown') {
        unknownArg ??= arg
        // %q escapes what it quotes: only the quotes around an unknown are known.
        pieces.push(...(verb === 'q' ? ['"', {}, '"'] : [arg]))
      } else {
        const piece = templateText(arg)
        if (piece === undefined || (verb === 'd' && arg.kind !== 'number')) misfit = true
        else pieces.push(verb === 'q' ? JSON.stringify(piece) : piece)
      }
    }
    pieces.push(text.slice(last))
    if (unsupported) return unknown('format() with these verbs is not evaluated', loc)
    if (misfit) return failure('format() argument does not fit its verb', loc)
    if (unknownArg) return unknown(unknownArg.reason, loc, undefined, joinPattern(pieces))
    return stringValue(pieces.join(''), loc)
  })
}

/** format() per element: list arguments are iterated together (same length), others repeat. */
function formatlist([spec, ...args]: Value[], loc: SourceRange): Value {
  if (args.some((arg) => arg.kind === 'unknown')) return unknown('a formatlist() argument is not known', loc)
  const lengths = args.flatMap((arg) => (arg.kind === 'list' ? [arg.items.length] : []))
  if (lengths.some((n) => n !== lengths[0])) return failure('formatlist() needs lists of the same length', loc)
  const count = lengths[0] ?? 1
  const items = Array.from({ length: count }, (_, i) => format([spec!, ...args.map((arg) => (arg.kind === 'list' ? arg.items[i]! : arg))], loc))
  return { kind: 'list', items, loc }
}

function asList(value: Value | undefined, loc: SourceRange): Value {
  if (value?.kind === 'list' || value?.kind === 'unknown') return value
  return failure(`expected a list, found ${value?.kind ?? 'nothing'}`, loc)
}

function coalesce(args: Value[], loc: SourceRange): Value {
  for (const arg of args) {
    if (arg.kind === 'unknown') return unknown(arg.reason, loc)
    if (arg.kind === 'null' || (arg.kind === 'string' && arg.value === '')) continue
    return arg
  }
  return failure('coalesce() found no non-empty argument', loc)
}

function flatten(value: Value | undefined, loc: SourceRange): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc)
  if (value?.kind !== 'list') return failure('flatten() needs a list', loc)
  const items: Value[] = []
  for (const item of value.items) {
    if (item.kind === 'unknown') return unknown(item.reason, loc)
    if (item.kind !== 'list') {
      items.push(item)
      continue
    }
    const inner = flatten(item, loc)
    if (inner.kind !== 'list') return inner
    items.push(...inner.items)
  }
  return { kind: 'list', items, loc }
}

function distinct([value]: Value[], loc: SourceRange): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc)
  if (value?.kind !== 'list') return failure('distinct() needs a list', loc)
  if (!isWhollyKnown(value)) return unknown('a list element is not known', loc)
  const items: Value[] = []
  for (const item of value.items) if (!items.some((kept) => sameValue(kept, item))) items.push(item)
  return { kind: 'list', items, loc }
}

function element([list, index]: Value[], loc: SourceRange): Value {
  if (list?.kind === 'unknown') return unknown(list.reason, loc)
  if (index?.kind === 'unknown') return unknown(index.reason, loc)
  if (list?.kind !== 'list' || index?.kind !== 'number' || list.items.length === 0) return failure('element() needs a non-empty list and a number', loc)
  return list.items[index.value % list.items.length]!
}

function length([value]: Value[], loc: SourceRange): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc)
  if (value?.kind === 'list') return { kind: 'number', value: value.items.length, loc }
  if (value?.kind === 'map') return { kind: 'number', value: value.entries.length, loc }
  if (value?.kind === 'string') return { kind: 'number', value: [...value.value].length, loc }
  return failure('length() needs a collection or a string', loc)
}

function compact([value]: Value[], loc: SourceRange): Value {
  if (value?.kind === 'unknown') return unknown(value.reason, loc)
  if (value?.kind !== 'list') return failure('compact() needs a list', loc)
  if (value.items.some((item) => item.kind === 'unknown')) return unknown('a list element is not known', loc)
  const items = value.items.filter((item) => item.kind !== 'null' && !(item.kind === 'string' && item.value === ''))
  const list: ListValue = { kind: 'list', items, loc }
  return list
}
