import type { Diagnostic } from '../types.js'
import type { SyntaxProblem } from './hcl-syntax.js'

/**
 * The diagnostic for a file with a syntax problem, in HCL's own words: @cdktf/hcl2json (HashiCorp's
 * parser compiled to WebAssembly) is loaded only when a file has a problem, so good files cost nothing.
 * Undefined when HCL accepts a file our cheap checks only suspected.
 */
export async function confirmProblem(path: string, text: string, problem: SyntaxProblem): Promise<Diagnostic | undefined> {
  const verdict = await hclVerdict(path, text)
  if (verdict === 'valid') return problem.suspected ? undefined : diagnostic(problem)
  return verdict ? { kind: 'parse-error', message: verdict.message, loc: { file: path, startLine: verdict.line, endLine: verdict.line, startColumn: verdict.column } } : diagnostic(problem)
}

function diagnostic(problem: SyntaxProblem): Diagnostic {
  return { kind: 'parse-error', message: problem.message, loc: problem.loc }
}

type Verdict = 'valid' | { message: string; line: number; column: number } | undefined

async function hclVerdict(path: string, text: string): Promise<Verdict> {
  let parse: (filename: string, contents: string) => Promise<unknown>
  try {
    // A lazily loaded chunk in the bundle: when it cannot be loaded, our own message stands.
    ;({ parse } = await import('@cdktf/hcl2json'))
  } catch {
    return undefined
  }
  try {
    await parse(path, text)
    return 'valid'
  } catch (error) {
    return firstHclError(path, error instanceof Error ? error.message : String(error))
  }
}

/** `parse config: [main.tf:2,1-2: Attribute redefined; The argument … main.tf:5,1-3: …]` → the first diagnostic. */
export function firstHclError(path: string, message: string): { message: string; line: number; column: number } | undefined {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = new RegExp(`${escaped}:(\\d+),(\\d+)-[\\d,]+: `, 'g')
  const first = start.exec(message)
  if (!first) return undefined
  const rest = message.slice(start.lastIndex)
  const next = new RegExp(` ${escaped}:\\d+,\\d+-[\\d,]+: `).exec(rest)
  const text = (next ? rest.slice(0, next.index) : rest).replace(/\]\s*$/, '').trim()
  return { message: text, line: Number(first[1]), column: Number(first[2]) }
}
