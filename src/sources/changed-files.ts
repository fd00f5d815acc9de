import parseDiff from 'parse-diff'

/** Inclusive range of head-side line numbers. */
export interface LineRange {
  start: number
  end: number
}

/** One file a change touches, seen from the head side. */
export interface ChangedFile {
  path: string
  /** The path on the base side when the file was renamed. */
  previousPath?: string
  status: 'added' | 'modified' | 'removed' | 'renamed'
  /** Head-side lines the change adds or rewrites. */
  addedLines: LineRange[]
  /** Head-side range of every hunk: the lines a review comment may be anchored on (added and context lines). */
  hunks: LineRange[]
}

/** Hunks of one file's unified diff (the `@@` part, as the PR files API returns it, or a whole `git diff` section). */
export function linesOfPatch(patch: string): { addedLines: LineRange[]; hunks: LineRange[] } {
  return linesOfChunks(parseDiff(patch).flatMap((file) => file.chunks))
}

export function linesOfChunks(chunks: parseDiff.Chunk[]): { addedLines: LineRange[]; hunks: LineRange[] } {
  const addedLines: number[] = []
  const hunks: LineRange[] = []
  for (const chunk of chunks) {
    if (chunk.newLines > 0) hunks.push({ start: chunk.newStart, end: chunk.newStart + chunk.newLines - 1 })
    for (const change of chunk.changes) if (change.type === 'add') addedLines.push(change.ln)
  }
  return { addedLines: toRanges(addedLines), hunks }
}

function toRanges(lines: number[]): LineRange[] {
  const ranges: LineRange[] = []
  for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1]
    if (last && last.end + 1 === line) last.end = line
    else ranges.push({ start: line, end: line })
  }
  return ranges
}

/** The hunk that holds every line of [start, end], if one does: a review comment may only span one hunk. */
export function hunkContaining(file: ChangedFile, start: number, end: number): LineRange | undefined {
  return file.hunks.find((hunk) => hunk.start <= start && end <= hunk.end)
}
