import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { extractModel } from './extract/index.js'
import type { AwsModel } from './model/aws.js'
import { parameterValues, type GivenInputs } from './parse/given-inputs.js'
import { boundValueDepth } from './parse/depth.js'
import { parseDocumentFile } from './parse/document.js'
import { DEFAULT_MAX_FILE_BYTES } from './parse/files.js'
import { bundledWorkerEntry, parseModules } from './parse/pool/pool.js'
import type { Diagnostic, ParsedUnit } from './parse/types.js'
import { defaultRulebook, type Rulebook } from './rulebook/index.js'
import { widenValueFixes } from './rules/fix.js'
import { runRules } from './rules/run.js'
import { foldSubsumed } from './rules/subsume.js'
import type { Finding } from './rules/types.js'
import { discoverFiles, type SourceFiles } from './sources/files.js'
import type { SkipOptions } from './sources/ignore.js'
import { createRepoReader } from './sources/reader.js'
import { sourceLines as splitSourceLines } from './sources/text.js'
import { unfinishedFindings } from './timeout.js'

export interface ScanOptions {
  /** Absolute path of the repository (or directory) being scanned; every reported path is relative to it. */
  root: string
  /** Paths under root to scan; default the whole root. */
  paths?: string[]
  rulebook?: Rulebook
  /** The base commit's model, in pull-request mode, for rules about what a change adds. */
  base?: AwsModel
  now?: Date
  /** Terraform variable files and values, CloudFormation parameters, given for the run (`--var-file`, `--var`, `--parameters`, `--parameter`). */
  given?: GivenInputs
  /** Worker threads for parsing Terraform modules; default: by the scan's size and the cores (0: parse in this thread). */
  parseWorkers?: number
  /** Paths left out besides .gitignore and .policygateignore (see src/sources/ignore.ts). */
  skip?: Omit<SkipOptions, 'excludedByRulebook'>
  /** Called as files are parsed, for a progress line. */
  onProgress?: (parsedFiles: number, totalFiles: number) => void
  /** Files larger than this many bytes are reported, not parsed; default: the rulebook's limits.max_file_size_mb, else 10 MB. */
  maxFileBytes?: number
  /** Milliseconds the scan may take: past them it reports what it finished and names the rest (policygate/timeout). */
  timeoutMs?: number
}

export interface ScanResult {
  root: string
  /** Files that were parsed as Terraform, CloudFormation or plan (relative). */
  files: string[]
  /** Paths left out by ignore files, --skip-path or the rulebook (a directory counts once). */
  skippedPaths: number
  /** Files found that are neither Terraform nor a CloudFormation template or plan. */
  unrecognisedFiles: number
  model: AwsModel
  /** Rule findings and tool diagnostics (policygate/parse-error, policygate/unresolved), suppressed ones included and marked. */
  findings: Finding[]
  rulebookSource: string
  /** The moment the findings were judged at (waiver expiry is relative to it). */
  judgedAt: Date
  timings: { parseMs: number; extractMs: number; rulesMs: number }
  /** True when the time budget ran out: the findings are what was finished, policygate/timeout names the rest. */
  timedOut?: boolean
}

/** The whole pipeline, framework-free past extract: sources → parse → extract → rules → rulebook. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const rulebook = options.rulebook ?? defaultRulebook()
  const t0 = performance.now()
  const deadline = options.timeoutMs === undefined ? undefined : t0 + options.timeoutMs
  const maxFileBytes = options.maxFileBytes ?? rulebook.limits?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const sources = await discoverFiles(options.root, options.paths, { ...options.skip, excludedByRulebook: rulebook.excludesFile })
  const { units, undone } = await parseAll(options.root, sources, { parseWorkers: options.parseWorkers, onProgress: options.onProgress, given: options.given, maxFileBytes, deadline })
  const t1 = performance.now()
  const { model, diagnostics } = extractModel(units)
  const t2 = performance.now()
  const { findings: ruleFindings, errors, places, notRun } = runRules(model, rulebook.rules, options.base, deadline)
  widenValueFixes(ruleFindings, sourceLines(options.root))
  const diagnosticFindings = [...units.flatMap((u) => u.diagnostics), ...diagnostics].map(diagnosticFinding)
  // Where the rule was judging; else the first file it judged, so the finding sits in the repository.
  const fallback = { file: units.flatMap((u) => u.files)[0] ?? rulebook.source, startLine: 1, endLine: 1 }
  const crashFindings = errors.map(({ message, loc }): Finding => ({
    ruleId: 'policygate/rule-error', severity: 'info', title: 'A rule failed', message, loc: loc ?? fallback,
  }))
  const judgedAt = options.now ?? new Date()
  // Subsumption after the rulebook: a rule it scoped away or a waived finding hides nothing.
  const timeoutFindings = unfinishedFindings(undone, notRun, options.timeoutMs)
  const judged = foldSubsumed(rulebook.apply(distinct([...diagnosticFindings, ...ruleFindings, ...crashFindings, ...timeoutFindings]), model, judgedAt), places, rulebook.rules.map((r) => r.rule))
  const t3 = performance.now()
  for (const finding of judged) finding.fingerprint ??= fingerprint(finding)
  judged.sort(byLocation)
  const files = units.flatMap((u) => u.files)
  return {
    root: options.root,
    files,
    skippedPaths: sources.skipped,
    unrecognisedFiles: Math.max(0, sources.walked - files.length),
    model,
    findings: judged,
    rulebookSource: rulebook.source,
    judgedAt,
    timings: { parseMs: t1 - t0, extractMs: t2 - t1, rulesMs: t3 - t2 },
    ...(timeoutFindings.length > 0 ? { timedOut: true } : {}),
  }
}

interface ParseOptions {
  parseWorkers?: number
  onProgress?: ScanOptions['onProgress']
  given?: GivenInputs
  maxFileBytes: number
  deadline?: number
}

/**
 * Terraform modules (on worker threads when the scan is large), then templates and plans, in discovery
 * order; `undone`: files the deadline left unparsed.
 */
async function parseAll(root: string, sources: SourceFiles, options: ParseOptions): Promise<{ units: ParsedUnit[]; undone: string[] }> {
  const given = options.given ?? {}
  const variables = given.varFiles?.length || given.vars?.length ? { given: { varFiles: given.varFiles, vars: given.vars } } : {}
  const modules = [...sources.terraformModules].map(([dir, files]) => ({ dir, files, ...variables }))
  const parameters = parameterValues(given)
  // Parameter files that could not be read or parsed are reported as a unit of their own.
  const parameterErrors: ParsedUnit[] = parameters.diagnostics.length > 0 ? [{ framework: 'cloudformation', files: [], resources: [], inputs: [], literals: [], diagnostics: parameters.diagnostics }] : []
  const total = sources.documents.length + modules.reduce((n, m) => n + m.files.length, 0)
  let parsed = 0
  const progress = (files: number) => options.onProgress?.((parsed += files), total)
  const documents: (ParsedUnit | undefined | null)[] = sources.documents.map(() => null)
  const parseDocuments = sources.documents.map((path, i) => () => {
    documents[i] = parseDocumentFile(root, path, options.maxFileBytes, parameters)
    progress(1)
  })
  const terraform = await parseModules(root, modules, createRepoReader(root, options.maxFileBytes), {
    workers: options.parseWorkers,
    entry: options.parseWorkers === 0 ? undefined : bundledWorkerEntry(),
    meanwhile: parseDocuments,
    maxFileBytes: options.maxFileBytes,
    deadline: options.deadline,
    onModuleParsed: (index) => progress(modules[index]!.files.length),
  })
  const units = [...terraform, ...documents, ...parameterErrors].filter((unit) => unit !== undefined && unit !== null)
  for (const unit of units) boundValueDepth(unit)
  const undone = [...modules.flatMap((m, i) => (terraform[i] ? [] : m.files)), ...sources.documents.filter((_, i) => documents[i] === null)]
  return { units, undone }
}

/** Line text of scanned files, read once per file, for turning value fixes into line fixes. */
function sourceLines(root: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>()
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, splitSourceLines(readFileSync(`${root}/${file}`, 'utf8')))
      } catch {
        cache.set(file, undefined)
      }
    }
    return cache.get(file)?.[line - 1]
  }
}

function diagnosticFinding(diagnostic: Diagnostic): Finding {
  return diagnostic.kind === 'parse-error'
    ? { ruleId: 'policygate/parse-error', severity: 'high', title: 'File could not be parsed', message: diagnostic.message, loc: diagnostic.loc }
    : { ruleId: 'policygate/unresolved', severity: 'info', title: 'Value could not be determined', message: diagnostic.message, loc: diagnostic.loc }
}

/** Line-independent identity: survives code moving up or down, changes when the offending element changes. */
export function fingerprint(finding: Finding): string {
  const parts = [finding.ruleId, finding.loc.file, finding.resource?.address ?? '', finding.element ?? finding.message]
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

/**
 * One finding per rule, message and place: a module read on its own and through its callers, or by
 * two callers passing the same value, says the same thing at the same line of the same resource once
 * (two principals that hold one document keep a finding each).
 */
function distinct(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = [f.ruleId, f.message, f.loc.file, f.loc.startLine, f.loc.startColumn ?? 0, f.loc.endLine, withinModule(f.resource?.address)].join('\u0000')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A resource's address inside its module: a module read on its own and its instances name the same resource. */
function withinModule(address: string | undefined): string {
  return (address ?? '').replace(/^(?:module\.[^.[]+(?:\[[^\]]*\])?\.)+/, '')
}

function byLocation(a: Finding, b: Finding): number {
  return a.loc.file.localeCompare(b.loc.file) || a.loc.startLine - b.loc.startLine || a.ruleId.localeCompare(b.ruleId)
}
