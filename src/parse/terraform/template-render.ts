import { joinPattern } from '../../model/pattern.js'
import type { SourceRange } from '../../model/source.js'
import { parseJsonValue, type JsonOrigin } from '../json.js'
import type { MapEntry, UnknownValue, Value } from '../value.js'
import type { TextOrigin } from './syntax.js'
import { failure, isFailure, templateText, unknown } from './values.js'

type RenderPart = { text: string } | { value: Value; range: SourceRange }

/**
 * A string template from its evaluated parts. A single interpolation is its value itself (as in HCL).
 * All parts known: the string, keeping `textOrigin` while its lines still map to the file's.
 * Some parts unknown: when the text is JSON (a heredoc policy with `${aws_s3_bucket.b.arn}` inside),
 * that JSON object with those strings unknown; otherwise the whole string is unknown.
 */
export function renderTemplate(parts: RenderPart[], loc: SourceRange, textOrigin?: TextOrigin): Value {
  if (parts.length === 1 && 'value' in parts[0]!) return parts[0].value
  let text = ''
  let linesKept = true
  const holes: UnknownValue[] = []
  for (const part of parts) {
    if ('text' in part) {
      text += part.text
      continue
    }
    if (isFailure(part.value)) return part.value
    if (part.value.kind === 'null') return failure('a template interpolates null', part.range)
    const piece = templateText(part.value)
    if (piece === undefined) {
      holes.push(part.value.kind === 'unknown' ? part.value : unknown(`a ${part.value.kind} in a template is not known`, part.range))
      continue
    }
    text += piece
    linesKept &&= part.range.startLine === part.range.endLine && !piece.includes('\n')
  }
  if (holes.length === 0) {
    return textOrigin && linesKept ? { kind: 'string', value: text, loc, textOrigin } : { kind: 'string', value: text, loc }
  }
  const json = jsonWithHoles(parts, holes, textOrigin && linesKept ? textOrigin : { file: loc.file, fixed: loc })
  return json ?? unknown('the template uses values that are not known', loc, holes.length === 1 ? holes[0]!.ref : undefined, templatePattern(parts))
}

/** The known text of a template, each unknown interpolation a hole (nested patterns kept). */
function templatePattern(parts: RenderPart[]): string | undefined {
  return joinPattern(parts.map((part) => ('text' in part ? part.text : (templateText(part.value) ?? (part.value.kind === 'unknown' ? part.value : {})))))
}

const HOLE = /\uE000(\d+)\uE001/

/** JSON text whose unknown interpolations become unknown values, every known element keeping its position. */
function jsonWithHoles(parts: RenderPart[], holes: UnknownValue[], origin: JsonOrigin): Value | undefined {
  let text = ''
  let inString = false
  let hole = 0
  for (const part of parts) {
    const piece = 'text' in part ? part.text : templateText(part.value)
    if (piece !== undefined) {
      text += piece
      inString = endsInsideString(piece, inString)
      continue
    }
    const marker = `\uE000${hole++}\uE001`
    text += inString ? marker : `"${marker}"`
  }
  // Only a JSON object (a policy, a config document) is worth keeping: "[${var.x}]" stays an unknown string.
  if (!/^\s*\{/.test(text)) return undefined
  const parsed = parseJsonValue(text, origin)
  return parsed.value && fillHoles(parsed.value, holes)
}

function endsInsideString(text: string, inside: boolean): boolean {
  let state = inside
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (state && c === '\\') i++
    else if (c === '"') state = !state
  }
  return state
}

function fillHoles(value: Value, holes: UnknownValue[]): Value {
  switch (value.kind) {
    case 'string': {
      const match = HOLE.exec(value.value)
      if (!match) return value
      if (match[0] === value.value) return holes[Number(match[1])]!
      const pieces = value.value.split(HOLE).map((piece, i) => (i % 2 === 0 ? piece : holes[Number(piece)]!))
      return unknown('the string is built from values that are not known', value.loc, undefined, joinPattern(pieces))
    }
    case 'list':
      return { ...value, items: value.items.map((item) => fillHoles(item, holes)) }
    case 'map': {
      if (value.entries.some((e) => HOLE.test(e.key))) return unknown('an object key is not known', value.loc)
      const entries: MapEntry[] = value.entries.map((e) => ({ ...e, value: fillHoles(e.value, holes) }))
      return { ...value, entries }
    }
    default:
      return value
  }
}
