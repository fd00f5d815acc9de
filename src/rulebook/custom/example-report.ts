import { formatLoc } from '../../model/source.js'
import type { Example } from '../../rules/types.js'
import type { ExampleOutcome } from '../examples.js'

/*
 * What `policygate rulebook test` prints under a failed example: where the example is written in
 * the rulebook, and its lines around those expected or reported, each marked with what went wrong there.
 */

/** Lines of context shown around each marked line. */
const CONTEXT = 2
/** Marks line up after code this wide; longer lines push their mark right. */
const MARK_COLUMN = 60

export function exampleFailureDetail(outcome: ExampleOutcome, example: Example<object>): string[] {
  const detail = example.declaredAt ? [`written at ${formatLoc(example.declaredAt)}`] : []
  if (outcome.parseErrors.length > 0) return detail
  return [...detail, ...markedExcerpt(example.code, outcome)]
}

function markedExcerpt(code: string, outcome: ExampleOutcome): string[] {
  const lines = code.replace(/\n$/, '').split('\n')
  const marks = new Map<number, string>()
  for (const line of outcome.expected) marks.set(line, outcome.reported.includes(line) ? 'reported, as expected' : 'expected here, not reported')
  for (const line of outcome.reported) {
    if (!marks.has(line)) marks.set(line, outcome.kind === 'good' ? 'reported here, expected silence' : 'reported here, not expected')
  }
  const shown = lines.map((_, i) => [...marks.keys()].some((marked) => Math.abs(marked - (i + 1)) <= CONTEXT))
  const numberWidth = String(lines.length).length
  const out: string[] = []
  for (const [i, text] of lines.entries()) {
    if (!shown[i]) {
      if (out.at(-1) !== '…') out.push('…')
      continue
    }
    const mark = marks.get(i + 1)
    const numbered = `${String(i + 1).padStart(numberWidth)} | ${text}`
    out.push(mark ? `${numbered.padEnd(MARK_COLUMN)}  ← ${mark}` : numbered)
  }
  const beyond = [...marks.keys()].filter((line) => line > lines.length)
  if (beyond.length > 0) out.push(`(the example has ${lines.length} lines; line ${beyond.join(', ')} is past its end)`)
  return out
}
