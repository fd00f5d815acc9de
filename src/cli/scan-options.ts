import { statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { SEVERITIES, type Severity } from '../rules/types.js'
import { UsageError } from './usage-error.js'

/*
 * `policygate scan`'s options, read and checked here and nowhere else: each option is one entry of
 * SCAN_OPTIONS and one field of ScanCommandOptions, so a new flag is an addition, not an edit.
 */

export const SCAN_USAGE = `Scan options:
  --format text|json|sarif|markdown    output format (default: text)
  --output FILE                        write the report to FILE instead of stdout
  --fail-on critical|high|medium|low|info|none
                                       exit 1 when an active finding is at least this severe (default: high)
  --root DIR                           directory reported paths are relative to (default: the current
                                       directory, or the scanned directory when it lies outside it)
  --no-color                           no colours (also: NO_COLOR, or when stdout is not a terminal)
  --rulebook FILE                      the rulebook (default: .github/policygate.yml under --root when it
                                       exists, else policygate:recommended); also policygate:strict|cis-aws`

const SCAN_OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  'fail-on': { type: 'string', default: 'high' },
  root: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  rulebook: { type: 'string' },
} as const

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export interface ScanCommandOptions {
  format: Format
  /** Where the report goes instead of stdout. */
  output?: string
  failOn: Severity | 'none'
  /** Absolute directory every reported path is relative to. */
  root: string
  /** What to scan, relative to root. */
  paths: string[]
  noColor: boolean
  rulebook?: string
}

export function parseScanOptions(args: string[]): ScanCommandOptions {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SCAN_OPTIONS })
  const format = values.format
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}'`)
  const failOn = values['fail-on']
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}, none`)
  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(p))
  for (const target of targets) {
    try {
      statSync(target)
    } catch {
      throw new UsageError(`no such file or directory: ${target}`)
    }
  }
  const root = values.root ? resolve(values.root) : scanRoot(targets)
  const paths = targets.map((t) => relative(root, t) || '.')
  if (paths.some((p) => p.startsWith('..') || isAbsolute(p))) throw new UsageError('every path must be inside --root')
  return { format: format as Format, output: values.output, failOn: failOn as Severity | 'none', root, paths, noColor: values['no-color'], rulebook: values.rulebook }
}

/** Paths are reported relative to the current directory when the scan is inside it, else to the scanned directory. */
function scanRoot(targets: string[]): string {
  const cwd = process.cwd()
  if (targets.every((t) => t === cwd || t.startsWith(cwd + sep))) return cwd
  const dirs = targets.map((t) => (statSync(t).isDirectory() ? t : dirname(t)))
  let common = dirs[0]!
  while (!dirs.every((d) => d === common || d.startsWith(common + sep))) common = dirname(common)
  return common
}
