import { readFileSync } from 'node:fs'

/**
 * A scanned file's text as every parser reads it: without a byte-order mark, and with `\n` for every
 * line break (`\r\n` and a lone `\r` alike). Lines and columns stay those an editor shows, so every
 * format gives the same findings at the same lines whatever the file's encoding of line breaks.
 */
export function sourceText(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}

/** A scanned file's text (sourceText) read from disk. */
export function readSourceText(path: string): string {
  return sourceText(readFileSync(path, 'utf8'))
}

/** A file's lines as sourceText counts them, for code frames and fixes. */
export function sourceLines(raw: string): string[] {
  return sourceText(raw).split('\n')
}
