import { parseEvents, type Event } from 'js-yaml'
import { MAX_NESTING_DEPTH } from '../limits.js'

/*
 * What CloudFormation's and cfn-lint's YAML readers (PyYAML's lineage) accept and js-yaml refuses, read
 * the same way by giving js-yaml a copy with spaces added, every offset mapped back to the file:
 * - YAML 1.2 wants every line inside a flow collection (`[ … ]`, `{ … }`) or a quoted scalar indented
 *   deeper than the block it sits in ("deficient indentation"); those readers ignore indentation
 *   there, so `Tags: [` … `]` closed at the key's column deploys. Leading spaces on such a line carry
 *   no meaning (line folding drops them): the line is indented further.
 * - A comment right after a closing quote (`!Sub "${Bucket}-logs"#`) needs a space before `#` for
 *   js-yaml; one is added.
 */

export interface LenientEvents {
  events: Event[]
  /** The text the events' offsets refer to: the file, with the spaces added. */
  parsedText: string
  /** Offset in the parsed text → offset in the file as written. */
  toWritten: (offset: number) => number
}

/** Bounds the retries on text that keeps failing (each one parses the whole text again): past them, the error stands. */
const MAX_REPAIRS = 2_000
const MAX_EXTRA_INDENT = 4_096
const MAX_CHARACTERS_PARSED = 50_000_000

/** js-yaml's parseEvents, reading what CloudFormation reads (above). Throws js-yaml's error, its mark in written offsets. */
export function parseEventsLeniently(text: string, file: string): LenientEvents {
  // Spaces added before each written offset (a line's start, or a `#`).
  const added = new Map<number, number>()
  let lastTarget = 0
  for (let parsed = text.length; ; parsed += text.length) {
    const { parsedText, toWritten } = withSpacesAdded(text, added)
    try {
      return { events: parseEvents(parsedText, { filename: file, maxDepth: MAX_NESTING_DEPTH }), parsedText, toWritten }
    } catch (error) {
      const mark = (error as { mark?: { position: number; line: number; column: number } }).mark
      const reason = (error as { reason?: string }).reason
      const at = mark ? toWritten(mark.position) : 0
      const refuse = () => (added.size === 0 ? error : atWrittenPosition(error, text, at))
      if (!mark || added.size >= MAX_REPAIRS || parsed > MAX_CHARACTERS_PARSED) throw refuse()
      if (text[at] === '#' && (text[at - 1] === '"' || text[at - 1] === "'") && !added.has(at)) {
        added.set(at, 1)
        continue
      }
      const lineStart = text.lastIndexOf('\n', at - 1) + 1
      const before = added.get(lineStart) ?? 0
      if (reason !== 'deficient indentation' || before >= MAX_EXTRA_INDENT) throw refuse()
      const indent = at - lineStart
      // A first try at the depth the previous line needed (lines of one collection share it), then doubling.
      const extra = before === 0 ? Math.max(1, lastTarget - indent) : before * 2
      added.set(lineStart, extra)
      lastTarget = indent + extra
    }
  }
}

function withSpacesAdded(text: string, added: Map<number, number>): { parsedText: string; toWritten: (offset: number) => number } {
  if (added.size === 0) return { parsedText: text, toWritten: (offset) => offset }
  const starts = [...added.keys()].sort((a, b) => a - b)
  const pieces: string[] = []
  // parsedStarts[i]: where the spaces before line starts[i] begin in the parsed text; shifts[i]: spaces added before them.
  const parsedStarts: number[] = []
  const shifts: number[] = []
  let shift = 0
  let from = 0
  for (const start of starts) {
    const extra = added.get(start)!
    pieces.push(text.slice(from, start), ' '.repeat(extra))
    parsedStarts.push(start + shift)
    shifts.push(shift)
    shift += extra
    from = start
  }
  pieces.push(text.slice(from))
  const toWritten = (offset: number): number => {
    // The last added run that starts at or before `offset`.
    let low = 0
    let high = parsedStarts.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (parsedStarts[middle]! <= offset) {
        found = middle
        low = middle + 1
      } else high = middle - 1
    }
    if (found < 0) return offset
    const runEnd = parsedStarts[found]! + added.get(starts[found]!)!
    // Inside the added spaces: the written offset they stand before.
    if (offset < runEnd) return starts[found]!
    return offset - shifts[found]! - added.get(starts[found]!)!
  }
  return { parsedText: pieces.join(''), toWritten }
}

/** The error with its mark moved to the written text, so the reported line and column are the file's. */
function atWrittenPosition(error: unknown, text: string, at: number): unknown {
  const mark = (error as { mark?: { position: number; line: number; column: number } }).mark
  if (!mark) return error
  const lineStart = text.lastIndexOf('\n', at - 1) + 1
  let line = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++
  Object.assign(mark, { position: at, line, column: at - lineStart })
  return error
}
