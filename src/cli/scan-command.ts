import { readFileSync, writeFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { applyBaseline, baselineNote, parseBaseline, toBaselineFile } from '../diff/baseline.js'
import { atLeast, type Finding } from '../rules/types.js'
import { toWorkflowCommands } from '../report/github/workflow-commands.js'
import { toJson } from '../report/json.js'
import { toJunit } from '../report/junit.js'
import { toMarkdown } from '../report/markdown.js'
import { collectGivenInputs } from '../parse/given-inputs.js'
import { redactResult } from '../report/redact.js'
import { toSarif } from '../report/sarif.js'
import { active } from '../report/summary.js'
import { toText } from '../report/text.js'
import { loadCliRulebook, printRulebookErrors } from '../rulebook/cli-commands.js'
import type { LoadedRulebook } from '../rulebook/index.js'
import { scan, type ScanResult } from '../scan.js'
import { sourceLines } from '../sources/text.js'
import { VERSION } from '../version.js'
import { fetchCentralRulebook } from './central-rulebook.js'
import { progressLine } from './progress.js'
import { skipChecks } from './skip-checks.js'
import { parseScanOptions, type ReportTarget, type ScanCommandOptions } from './scan-options.js'
import { UsageError } from './usage-error.js'

/** `policygate scan`: the pipeline over files and directories, its reports, an exit status by --fail-on. */
export async function scanCommand(args: string[]): Promise<number> {
  const options = parseScanOptions(args)
  const { root } = options
  const baseline = options.baseline === undefined ? undefined : readBaselineFile(options.baseline)
  const given = collectGivenInputs(options.given, (path) => readGivenFile(root, path))
  if (!given.ok) throw new UsageError(given.error)
  const loaded = await loadCliRulebook(root, options.rulebook, fetchCentralRulebook)
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors)
    return 2
  }
  const skip = skipChecks(options.skipChecks)
  const rulebook: LoadedRulebook = { ...loaded.rulebook, rules: loaded.rulebook.rules.filter((r) => !skip(r.rule.id)) }
  // POLICYGATE_PROGRESS_DELAY_MS: when the line may first show (default a second), so a test need not be slow to see it.
  const progress = progressLine(process.stderr, Number(process.env.POLICYGATE_PROGRESS_DELAY_MS ?? 1000))
  const scanned = await scan({
    root,
    paths: options.paths,
    rulebook,
    given: given.given,
    maxFileBytes: options.maxFileBytes,
    timeoutMs: options.timeoutMs,
    skip: { skipPaths: options.skipPaths, gitignore: options.gitignore },
    onProgress: options.quiet ? undefined : progress.update,
  })
  progress.done()
  // Masked once, here, before any format, baseline or note sees a finding.
  let result: ScanResult = redactResult({ ...scanned, findings: scanned.findings.filter((f) => !skip(f.ruleId)) })
  if (options.writeBaseline && !writeReport(options.writeBaseline, toBaselineFile(result.findings))) return 2
  const notes: string[] = []
  if (baseline) {
    const outcome = applyBaseline(result.findings, baseline)
    result = { ...result, findings: outcome.findings }
    notes.push(baselineNote(options.baseline!, outcome))
  }
  for (const target of options.targets) {
    // --quiet trims what the terminal shows; files get the whole report.
    const shown = target.file === undefined && options.quiet ? { ...result, findings: result.findings.filter((f) => atOrAbove(f, options)) } : result
    const report = render(target, shown, rulebook, options, notes)
    if (target.file !== undefined) {
      if (!writeReport(target.file, report)) return 2
    } else process.stdout.write(report === '' || report.endsWith('\n') ? report : `${report}\n`)
  }
  // A partial report is never a pass.
  if (result.timedOut) return 3
  return active(result.findings).some((f) => atOrAbove(f, options)) ? 1 : 0
}

/** Writes a report or baseline file; a path that cannot be written is a configuration error, said plainly. */
function writeReport(file: string, text: string): boolean {
  try {
    writeFileSync(file, text)
    return true
  } catch (error) {
    process.stderr.write(`policygate: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`)
    return false
  }
}

function atOrAbove(finding: Finding, options: ScanCommandOptions): boolean {
  return options.failOn !== 'none' && atLeast(finding.severity, options.failOn)
}

function render(target: ReportTarget, result: ScanResult, rulebook: LoadedRulebook, options: ScanCommandOptions, notes: string[]): string {
  switch (target.format) {
    case 'json':
      return toJson(result, VERSION)
    case 'sarif':
      return JSON.stringify(toSarif(result, { toolVersion: VERSION, rules: rulebook.effective.rules.map((r) => r.rule) }), null, 2)
    case 'markdown':
      return toMarkdown(result, { notes })
    case 'junit':
      return toJunit(result)
    case 'github':
      return toWorkflowCommands(result)
    case 'text': {
      const color = target.file === undefined && !options.noColor && !process.env.NO_COLOR && process.stdout.isTTY === true
      return toText(result, { color, readLines: (file) => readLines(options.root, file), notes, showUnresolved: options.showUnresolved })
    }
  }
}

function readBaselineFile(path: string) {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new UsageError(`--baseline ${path}: no such file (write one with --write-baseline)`)
  }
  const baseline = parseBaseline(text)
  if ('error' in baseline) throw new UsageError(`--baseline ${path}: ${baseline.error}`)
  return baseline
}

/** A file named on the command line (relative to the current directory), reported relative to the root. */
function readGivenFile(root: string, path: string): { path: string; text: string } | undefined {
  try {
    return { path: relative(root, resolve(path)).split(sep).join('/'), text: readFileSync(resolve(path), 'utf8') }
  } catch {
    return undefined
  }
}

function readLines(root: string, file: string): string[] | undefined {
  try {
    return sourceLines(readFileSync(resolve(root, file), 'utf8'))
  } catch {
    return undefined
  }
}
