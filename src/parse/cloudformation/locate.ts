import type { SourceRange } from '../../model/source.js'
import { LineIndex } from '../lines.js'

/** Offsets of one file's text → SourceRanges (1-based lines and columns, end exclusive). */
export class Locator {
  private readonly lines: LineIndex

  /** `toWritten` maps offsets of the text that was parsed to `text`, when the parser read a reindented copy. */
  constructor(
    readonly file: string,
    readonly text: string,
    private readonly toWritten: (offset: number) => number = (offset) => offset,
  ) {
    this.lines = new LineIndex(text)
  }

  range(start: number, end: number): SourceRange {
    const from = this.lines.position(this.toWritten(start))
    const to = this.lines.position(this.toWritten(Math.max(start, end)))
    return { file: this.file, startLine: from.line, endLine: to.line, startColumn: from.column, endColumn: to.column }
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(this.toWritten(offset))
  }
}

/** A range that starts where `head` starts and ends where `tail` ends (a map entry from its key to the end of its value). */
export function spanning(head: SourceRange, tail: SourceRange): SourceRange {
  return { file: head.file, startLine: head.startLine, startColumn: head.startColumn, endLine: tail.endLine, endColumn: tail.endColumn }
}
