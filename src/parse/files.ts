import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { readSourceText } from '../sources/text.js'
import type { Diagnostic } from './types.js'

/*
 * Reading one scanned file for a parser, with the two promises every parser shares: a file above
 * the size limit is reported and not parsed (parsing tens of megabytes costs gigabytes and minutes),
 * and a file that cannot be read, or whose parser throws, is that file's parse error, never the scan's.
 */

/** Files above this many bytes are skipped unless the rulebook or a flag says otherwise (the README documents it). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

/** The text of a file (BOM dropped, line breaks `\n`), or the diagnostic that replaces it. */
export type FileRead = { text: string } | { diagnostic: Diagnostic }

/** Reads `root/path` unless it is larger than `maxBytes`; never throws. */
export function readScannedFile(root: string, path: string, maxBytes: number): FileRead {
  try {
    const size = statSync(`${root}/${path}`).size
    if (size > maxBytes) return { diagnostic: skippedForSize(path, size, maxBytes) }
    return { text: readSourceText(`${root}/${path}`) }
  } catch (error) {
    return { diagnostic: fileFailure(path, 'the file could not be read', error) }
  }
}

/** The first bytes of a file, to tell whether a skipped YAML/JSON document would have been a template or a plan. */
export function readHead(root: string, path: string, bytes = 64 * 1024): string {
  const fd = openSync(`${root}/${path}`, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

export function skippedForSize(path: string, size: number, maxBytes: number): Diagnostic {
  // Sizes that round alike are told in bytes: "10 MB, above the 10 MB limit" would read as a mistake.
  const [file, limit] = sizeText(size) === sizeText(maxBytes) ? [`${size} bytes`, `${maxBytes}-byte`] : [sizeText(size), sizeText(maxBytes)]
  return {
    kind: 'parse-error',
    message: `not parsed: the file is ${file}, above the ${limit} limit (max-file-size)`,
    loc: { file: path, startLine: 1, endLine: 1 },
  }
}

/** An internal failure reported like a parse error of the file, so the scan goes on and the user sees where. */
export function fileFailure(file: string, what: string, error: unknown, line = 1): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error)
  return { kind: 'parse-error', message: `${what}: ${reason}`, loc: { file, startLine: line, endLine: line } }
}

function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Number(mb.toFixed(1))} MB`
  return `${Number((bytes / 1024).toFixed(1))} KB`
}
