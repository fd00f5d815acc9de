import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type MappingEvent, type ScalarEvent, type SequenceEvent } from 'js-yaml'
import type { SourceRange } from '../../model/source.js'
import type { MapEntry, Value } from '../value.js'
import { MAX_NESTING_DEPTH } from '../limits.js'
import { Locator, spanning } from './locate.js'
import { shortFormName } from './intrinsic-names.js'

/*
 * YAML template → positioned Value, built from js-yaml's event stream (`parseEvents`), which carries a
 * source offset for every node and is faster than `load`. Short-form intrinsics (`!Sub x`) become
 * their long form (`{ "Fn::Sub": x }`) so one evaluator serves YAML and JSON; any other tag
 * (`!Rain::Embed`, `!ValueOf`, …) becomes an opaque unknown value instead of an error.
 */

export interface YamlParse {
  value?: Value
  error?: { message: string; loc: SourceRange }
}

interface Built {
  value: Value
  /** Offset just past the node's last character: parents end where their last child ends. */
  end: number
}

/** Far above any real template (the largest public ones have ~100k nodes); evaluation walks every repeat. */
const MAX_EXPANDED_NODES = 1_000_000

class TemplateSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message)
  }
}

export function parseYamlValue(text: string, file: string): YamlParse {
  const locator = new Locator(file, text)
  let events: Event[]
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_NESTING_DEPTH })
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    const line = (mark?.line ?? 0) + 1
    const column = (mark?.column ?? 0) + 1
    const reason = (error as { reason?: string }).reason ?? String(error)
    return { error: { message: `invalid YAML: ${reason}`, loc: { file, startLine: line, endLine: line, startColumn: column } } }
  }
  if (events[1]?.type !== EVENT_ID.SCALAR && events[1]?.type !== EVENT_ID.MAPPING && events[1]?.type !== EVENT_ID.SEQUENCE) return {}
  try {
    return { value: new EventReader(events, text, locator).node(0).value }
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error
    const { line, column } = locator.position(error.offset)
    return { error: { message: `invalid YAML: ${error.message}`, loc: { file, startLine: line, endLine: line, startColumn: column } } }
  }
}

class EventReader {
  /** Index of the next event; starts after the first DOCUMENT event (only the first document counts). */
  private next = 1
  private readonly anchors = new Map<string, { value: Value; size: number }>()
  /** Nodes read so far, counting each alias as the nodes it repeats: bounds alias bombs. */
  private expandedNodes = 0

  constructor(
    private readonly events: Event[],
    private readonly text: string,
    private readonly locator: Locator,
  ) {}

  /** Reads one node; `emptyAt` is where an empty scalar (`key:` with no value) is placed. */
  node(emptyAt: number): Built {
    const event = this.events[this.next++]!
    const before = this.expandedNodes++
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return this.remember(event, before, this.tagged(event, this.scalar(event, emptyAt)))
      case EVENT_ID.MAPPING:
        return this.remember(event, before, this.tagged(event, this.mapping(event)))
      case EVENT_ID.SEQUENCE:
        return this.remember(event, before, this.tagged(event, this.sequence(event)))
      case EVENT_ID.ALIAS: {
        const name = this.text.slice(event.anchorStart, event.anchorEnd)
        const anchor = this.anchors.get(name)
        if (!anchor) throw new TemplateSyntaxError(`unidentified alias "${name}"`, event.anchorStart)
        this.expandedNodes += anchor.size
        if (this.expandedNodes > MAX_EXPANDED_NODES) throw new TemplateSyntaxError(`aliases expand to more than ${MAX_EXPANDED_NODES} nodes`, event.anchorStart)
        return { value: anchor.value, end: event.anchorEnd }
      }
      default:
        throw new TemplateSyntaxError('unexpected end of node', 0)
    }
  }

  private remember(event: ScalarEvent | MappingEvent | SequenceEvent, before: number, built: Built): Built {
    if (event.anchorStart >= 0) this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), { value: built.value, size: this.expandedNodes - before })
    return built
  }

  private mapping(event: MappingEvent): Built {
    const entries: MapEntry[] = []
    const seen = new Set<string>()
    let end = event.start + 1
    while (this.events[this.next]!.type !== EVENT_ID.POP) {
      const keyEvent = this.events[this.next]!
      const keyStart = keyEvent.type === EVENT_ID.SCALAR ? keyEvent.valueStart : end
      const key = this.node(end)
      const keyText = key.value.kind === 'string' ? key.value.value : this.text.slice(Math.max(keyStart, 0), key.end)
      if (seen.has(keyText)) throw new TemplateSyntaxError(`duplicated mapping key "${keyText}"`, Math.max(keyStart, 0))
      seen.add(keyText)
      const value = this.node(key.end)
      entries.push({ key: keyText, keyLoc: key.value.loc, value: value.value })
      end = Math.max(value.end, key.end)
    }
    this.next++
    if (entries.length === 0) end = this.closingBracket(event.start)
    return { value: { kind: 'map', loc: this.locator.range(event.start, end), entries }, end }
  }

  private sequence(event: SequenceEvent): Built {
    const items: Value[] = []
    let end = event.start + 1
    while (this.events[this.next]!.type !== EVENT_ID.POP) {
      const item = this.node(end)
      items.push(item.value)
      end = item.end
    }
    this.next++
    if (items.length === 0) end = this.closingBracket(event.start)
    return { value: { kind: 'list', loc: this.locator.range(event.start, end), items }, end }
  }

  /** An empty flow collection (`{}`, `[]`) ends at its closing bracket. */
  private closingBracket(start: number): number {
    const close = this.text[start] === '{' ? '}' : ']'
    const at = this.text.indexOf(close, start)
    return at < 0 ? start + 1 : at + 1
  }

  private scalar(event: ScalarEvent, emptyAt: number): Built {
    if (event.valueStart < 0) {
      const at = event.tagEnd >= 0 ? event.tagEnd : emptyAt
      const loc = this.locator.range(at, at)
      return { value: event.tagStart >= 0 ? { kind: 'string', loc, value: '' } : { kind: 'null', loc }, end: at }
    }
    const text = getScalarValue(this.text, event)
    if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return this.blockScalar(event, text)
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
    const start = quoted ? event.valueStart - 1 : event.valueStart
    const end = quoted ? event.valueEnd + 1 : event.valueEnd
    const loc = this.locator.range(start, end)
    if (quoted || event.tagStart >= 0) return { value: { kind: 'string', loc, value: text }, end }
    return { value: plainScalar(text, loc), end }
  }

  /** `|` and `>` blocks keep a textOrigin so JSON written inside them keeps its file lines. */
  private blockScalar(event: ScalarEvent, text: string): Built {
    let end = event.valueEnd
    while (end > event.valueStart && /\s/.test(this.text[end - 1]!)) end--
    const headerEnd = event.valueStart - 1
    const headerStart = this.text.lastIndexOf('\n', headerEnd - 1) + 1
    const indicator = /[|>][0-9+-]*[ \t]*(?:#.*)?\r?$/.exec(this.text.slice(headerStart, Math.max(headerEnd, headerStart)))
    const start = indicator ? headerStart + indicator.index : event.valueStart
    const contentLine = this.locator.position(event.valueStart).line
    const dedent = Math.max(event.indent, 0)
    const textOrigin = { file: this.locator.file, line: contentLine, column: dedent + 1, dedent }
    const folded = event.style === SCALAR_STYLE.FOLDED_BLOCK
    const asWritten = folded ? this.dedentedLines(event.valueStart, end, dedent) : undefined
    return {
      value: { kind: 'string', loc: this.locator.range(start, end), value: text, textOrigin: asWritten === undefined ? textOrigin : { ...textOrigin, text: asWritten } },
      end,
    }
  }

  private dedentedLines(start: number, end: number, dedent: number): string {
    return this.text
      .slice(start, end)
      .split(/\r?\n/)
      .map((line) => line.slice(dedent))
      .join('\n')
  }

  private tagged(event: ScalarEvent | MappingEvent | SequenceEvent, built: Built): Built {
    if (event.tagStart < 0) return built
    const tag = this.text.slice(event.tagStart, event.tagEnd)
    const tagLoc = this.locator.range(event.tagStart, event.tagEnd)
    const loc = spanning(tagLoc, built.value.loc)
    const standard = standardTagName(tag)
    if (standard !== undefined) return { value: withStandardTag(standard, built.value, tag), end: built.end }
    const intrinsic = shortFormName(tag.slice(1))
    if (intrinsic) return { value: { kind: 'map', loc, entries: [{ key: intrinsic, keyLoc: tagLoc, value: built.value }] }, end: built.end }
    return { value: { kind: 'unknown', loc, reason: `preprocessor tag ${tag}` }, end: built.end }
  }
}

/** `!!str`, `!<tag:yaml.org,2002:str>` and the non-specific `!` → the core type name (`str`, `''` for `!`). */
function standardTagName(tag: string): string | undefined {
  if (tag === '!') return ''
  if (tag.startsWith('!!')) return tag.slice(2)
  const verbatim = /^!<tag:yaml\.org,2002:(\w+)>$/.exec(tag)
  return verbatim ? verbatim[1] : undefined
}

function withStandardTag(name: string, value: Value, tag: string): Value {
  if (value.kind !== 'string') {
    if (name === '' || name === 'map' || name === 'seq' || name === 'omap') return value
    return { kind: 'unknown', loc: value.loc, reason: `unsupported YAML tag ${tag}` }
  }
  switch (name) {
    case 'int':
    case 'float':
      return value.value.trim() !== '' && !Number.isNaN(Number(value.value)) ? { kind: 'number', loc: value.loc, value: Number(value.value) } : value
    case 'bool':
      return /^(true|false)$/i.test(value.value) ? { kind: 'bool', loc: value.loc, value: value.value.toLowerCase() === 'true' } : value
    case 'null':
      return { kind: 'null', loc: value.loc }
    default:
      return value
  }
}

const INTEGER = /^[-+]?(?:0|[1-9][0-9]*)$/
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/

/**
 * YAML 1.2 core schema for untagged plain scalars, except that a decimal with a leading zero
 * (`012345678901`, an account ID) stays the text that was written instead of losing its zero.
 */
function plainScalar(text: string, loc: SourceRange): Value {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return { kind: 'null', loc }
  if (/^(?:true|True|TRUE)$/.test(text)) return { kind: 'bool', loc, value: true }
  if (/^(?:false|False|FALSE)$/.test(text)) return { kind: 'bool', loc, value: false }
  if (INTEGER.test(text)) return { kind: 'number', loc, value: Number(text) }
  if (/^0x[0-9a-fA-F]+$/.test(text)) return { kind: 'number', loc, value: Number.parseInt(text.slice(2), 16) }
  if (/^0o[0-7]+$/.test(text)) return { kind: 'number', loc, value: Number.parseInt(text.slice(2), 8) }
  if (FLOAT.test(text) && !/^[-+]?0[0-9]/.test(text)) return { kind: 'number', loc, value: Number(text) }
  return { kind: 'string', loc, value: text }
}
