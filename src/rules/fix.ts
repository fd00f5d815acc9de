import type { Attr } from '../model/source.js'
import type { Finding, SuggestedFix } from './types.js'

/**
 * A fix that rewrites one written value in place (`false` → `true`). Only for a value the source
 * states on one line with its columns; a defaulted (absent) attribute needs an insertion, not a fix.
 */
export function replaceValue(at: Attr<unknown>, replacement: string, description: string): SuggestedFix | undefined {
  const { loc } = at
  if (!at.explicit || loc.startColumn === undefined || loc.endColumn === undefined || loc.startLine !== loc.endLine) return undefined
  return { loc, replacement, description, valueOnly: true }
}

/**
 * Widens value-only fixes into whole-line fixes, as suggested changes and SARIF replacements need.
 * `lineOf` gives a file's line text (1-based); a fix whose line cannot be read is dropped, never guessed.
 */
export function widenValueFixes(findings: Finding[], lineOf: (file: string, line: number) => string | undefined): void {
  for (const finding of findings) {
    const fix = finding.fix
    if (!fix?.valueOnly) continue
    const text = lineOf(fix.loc.file, fix.loc.startLine)
    const start = (fix.loc.startColumn ?? 1) - 1
    const end = (fix.loc.endColumn ?? 1) - 1
    if (text === undefined || end > text.length || start >= end) {
      delete finding.fix
      continue
    }
    // endColumn is exclusive, as the parsers report it.
    const line = `${text.slice(0, start)}${fix.replacement}${text.slice(end)}`
    finding.fix = { loc: { file: fix.loc.file, startLine: fix.loc.startLine, endLine: fix.loc.startLine }, replacement: line, description: fix.description }
  }
}
