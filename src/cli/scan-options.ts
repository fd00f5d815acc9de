import { statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import type { GivenInputTexts } from '../parse/given-inputs.js'
import { SEVERITIES, type Severity } from '../rules/types.js'
import { DEFAULT_TIMEOUT_SECONDS } from '../timeout.js'
import { UsageError } from './usage-error.js'

/*
 * `policygate scan`'s options, read and checked here and nowhere else: each option is one entry of
 * SCAN_OPTIONS and one field of ScanCommandOptions, so a new flag is an addition, not an edit.
 */

export const SCAN_USAGE = `Scan options:
  --format text|json|sarif|markdown|junit|github
                                       output format (default: text); github: workflow commands for annotations
  -o, --output FILE                    write the report to FILE instead of stdout
  -o, --output FORMAT=FILE             also write a report in FORMAT to FILE (repeatable: sarif=a.sarif -o junit=a.xml)
  --fail-on critical|high|medium|low|info|none
                                       exit 1 when an active finding is at least this severe (default: high)
  --quiet                              print only findings at or above --fail-on, and no progress
  --skip-path GLOB                     leave out matching paths (repeatable; .gitignore and .policygateignore
                                       are honoured too)
  --no-gitignore                       scan what .gitignore leaves out
  --skip-check RULE                    do not run a rule, an area (iam/*), or the rules a Checkov or Trivy
                                       check ID maps to (repeatable)
  --baseline FILE                      report only findings not recorded in FILE
  --write-baseline FILE                record the fingerprints of today's findings in FILE
  --root DIR                           directory reported paths are relative to (default: the current
                                       directory, or the scanned directory when it lies outside it)
  --no-color                           no colours (also: NO_COLOR, or when stdout is not a terminal)
  --rulebook FILE                      the rulebook (default: .github/policygate.yml under --root when it
                                       exists, else policygate:recommended); also policygate:strict|cis-aws,
                                       or owner/repo/path@ref read through the GitHub API with GITHUB_TOKEN
  --show-unresolved                    list every value that could not be determined (text output; by
                                       default only their count is printed)
  --var-file FILE, --var NAME=VALUE    Terraform variables as terraform plan takes them (repeatable; after
                                       the auto-loaded tfvars, --var last)
  --parameters FILE, --parameter KEY=VALUE
                                       CloudFormation parameter values (repeatable): a file in the CLI's
                                       [{"ParameterKey":…,"ParameterValue":…}] or {"Parameters":{…}} form
  --max-file-size MB                   files larger than this are reported, not parsed (default: the rulebook's
                                       limits.max_file_size_mb, else 10)
  --timeout SECONDS                    time budget of the scan (default: ${DEFAULT_TIMEOUT_SECONDS}); past it, what finished is
                                       reported, the rest is named (policygate/timeout), and the exit status is 3`

const SCAN_OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string', default: 'high' },
  quiet: { type: 'boolean', short: 'q', default: false },
  'skip-path': { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean', default: false },
  'skip-check': { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  root: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  rulebook: { type: 'string' },
  'show-unresolved': { type: 'boolean', default: false },
  'var-file': { type: 'string', multiple: true },
  var: { type: 'string', multiple: true },
  parameters: { type: 'string', multiple: true },
  parameter: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_SECONDS) },
} as const

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'github'] as const
export type Format = (typeof FORMATS)[number]

/** Where one report goes: stdout, or a file. */
export interface ReportTarget {
  format: Format
  /** Absent: stdout. */
  file?: string
}

export interface ScanCommandOptions {
  /** The reports to write: stdout in --format unless a plain --output FILE takes its place, plus every FORMAT=FILE. */
  targets: ReportTarget[]
  failOn: Severity | 'none'
  quiet: boolean
  skipPaths: string[]
  gitignore: boolean
  skipChecks: string[]
  baseline?: string
  writeBaseline?: string
  /** Absolute directory every reported path is relative to. */
  root: string
  /** What to scan, relative to root. */
  paths: string[]
  noColor: boolean
  rulebook?: string
  showUnresolved: boolean
  /** `--var-file`, `--var`, `--parameters`, `--parameter` as written, in order. */
  given: GivenInputTexts
  /** Files above this many bytes are reported, not parsed; absent: the rulebook's limit. */
  maxFileBytes?: number
  timeoutMs: number
}

export function parseScanOptions(args: string[]): ScanCommandOptions {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SCAN_OPTIONS })
  const format = checkedFormat(values.format, '--format')
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
  return {
    targets: reportTargets(format, values.output ?? []),
    failOn: failOn as Severity | 'none',
    quiet: values.quiet,
    skipPaths: values['skip-path'] ?? [],
    gitignore: !values['no-gitignore'],
    skipChecks: values['skip-check'] ?? [],
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    root,
    paths,
    noColor: values['no-color'],
    rulebook: values.rulebook,
    showUnresolved: values['show-unresolved'],
    ...(values['max-file-size'] !== undefined && { maxFileBytes: Math.round(positiveNumber('--max-file-size', values['max-file-size']) * 1024 * 1024) }),
    timeoutMs: positiveNumber('--timeout', values.timeout) * 1000,
    given: { varFiles: values['var-file'] ?? [], vars: values.var ?? [], parameterFiles: values.parameters ?? [], parameters: values.parameter ?? [] },
  }
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text)
  if (!(text.trim() !== '' && Number.isFinite(value) && value > 0)) throw new UsageError(`${flag} takes a positive number, not '${text}'`)
  return value
}

/** `--output FILE` replaces stdout (in --format); `--output FORMAT=FILE` adds a file and stdout keeps --format. */
function reportTargets(format: Format, outputs: string[]): ReportTarget[] {
  const files: ReportTarget[] = []
  let stdoutReplaced = false
  for (const output of outputs) {
    const named = /^([a-z]+)=(.+)$/.exec(output)
    if (named) {
      files.push({ format: checkedFormat(named[1]!, `--output ${output}: FORMAT=FILE`), file: named[2]! })
    } else {
      stdoutReplaced = true
      files.push({ format, file: output })
    }
  }
  return stdoutReplaced ? files : [{ format }, ...files]
}

function checkedFormat(value: string, option: string): Format {
  // junitxml is Checkov's name for the same report.
  const format = value === 'junitxml' ? 'junit' : value
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${value}' (${option} takes ${FORMATS.join(', ')})`)
  return format as Format
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
