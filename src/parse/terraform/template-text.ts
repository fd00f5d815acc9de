import type { TemplatePart } from './syntax.js'

const QUOTED_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))|\$\$\{|%%\{/g
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }

/** The text of a quoted HCL string segment: backslash escapes, and `$${` / `%%{` for a literal `${` / `%{`. */
export function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw
  return raw.replace(QUOTED_ESCAPE, (match, u4: string | undefined, u8: string | undefined, single: string | undefined) => {
    if (u4 ?? u8) return String.fromCodePoint(parseInt((u4 ?? u8)!, 16))
    if (single !== undefined) return SIMPLE_ESCAPES[single] ?? match
    return match.slice(1)
  })
}

/** Heredocs know no backslash escapes, only `$${` and `%%{`. */
export function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{|%%\{/g, (match) => match.slice(1))
}

interface Segment {
  part: TemplatePart
  /** A non-blank line starts with this text: its indentation is removed. */
  startsLine: boolean
}

/**
 * `<<-` heredocs: the smallest indentation of the non-blank lines is removed from every such line,
 * as HCL does (a line that starts with an interpolation has indentation 0). Returns what was removed.
 */
export function flushHeredoc(parts: TemplatePart[]): { parts: TemplatePart[]; dedent: number } {
  const segments: Segment[] = []
  let dedent = Number.MAX_SAFE_INTEGER
  let atLineStart = true
  for (const part of parts) {
    if (!('text' in part)) {
      if (atLineStart) dedent = 0
      segments.push({ part, startsLine: false })
      atLineStart = false
      continue
    }
    for (const line of part.text.match(/[^\n]*\n|[^\n]+/g) ?? []) {
      const blank = /^\s*$/.test(line) && line.endsWith('\n')
      const startsLine = atLineStart && !blank
      if (startsLine) dedent = Math.min(dedent, leadingSpaces(line))
      segments.push({ part: { text: line }, startsLine })
      atLineStart = line.endsWith('\n')
    }
  }
  if (dedent === Number.MAX_SAFE_INTEGER) dedent = 0
  const flushed: TemplatePart[] = []
  for (const { part, startsLine } of segments) {
    const next = startsLine && 'text' in part ? { text: [...part.text].slice(dedent).join('') } : part
    const last = flushed[flushed.length - 1]
    if ('text' in next && last && 'text' in last) flushed[flushed.length - 1] = { text: last.text + next.text }
    else flushed.push(next)
  }
  return { parts: flushed.filter((p) => !('text' in p) || p.text !== ''), dedent }
}

function leadingSpaces(text: string): number {
  return [...(/^[^\S\n]*/.exec(text)?.[0] ?? '')].length
}
