import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { extractModel } from './extract/index.js'
import type { AwsModel } from './model/aws.js'
import { parseTemplate } from './parse/cloudformation/index.js'
import { parameterValues, type GivenInputs } from './parse/given-inputs.js'
import { parsePlan } from './parse/plan/index.js'
import { bundledWorkerEntry, parseModules } from './parse/pool/pool.js'
import type { Diagnostic, ParsedUnit } from './parse/types.js'
import { defaultRulebook, type Rulebook } from './rulebook/index.js'
import { widenValueFixes } from './rules/fix.js'
import { runRules } from './rules/run.js'
import type { Finding } from './rules/types.js'
import { discoverFiles } from './sources/files.js'
import { createRepoReader } from './sources/reader.js'

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
}

export interface ScanResult {
  root: string
  /** Files that were parsed as Terraform, CloudFormation or plan (relative). */
  files: string[]
  model: AwsModel
  /** Rule findings and tool diagnostics (policygate/parse-error, policygate/unresolved), suppressed ones included and marked. */
  findings: Finding[]
  rulebookSource: string
  /** The moment the findings were judged at (waiver expiry is relative to it). */
  judgedAt: Date
  timings: { parseMs: number; extractMs: number; rulesMs: number }
}

/** The whole pipeline, framework-free past extract: sources → parse → extract → rules → rulebook. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const rulebook = options.rulebook ?? defaultRulebook()
  const t0 = performance.now()
  const units = await parseAll(options.root, options.paths, options.parseWorkers, options.given)
  const t1 = performance.now()
  const { model, diagnostics } = extractModel(units)
  const t2 = performance.now()
  const { findings: ruleFindings, errors } = runRules(model, rulebook.rules, options.base)
  widenValueFixes(ruleFindings, sourceLines(options.root))
  const diagnosticFindings = [...units.flatMap((u) => u.diagnostics), ...diagnostics].map(diagnosticFinding)
  const crashFindings = errors.map((message): Finding => ({
    ruleId: 'policygate/rule-error', severity: 'info', title: 'A rule failed', message, loc: { file: '.', startLine: 1, endLine: 1 },
  }))
  const judgedAt = options.now ?? new Date()
  const judged = rulebook.apply(distinct([...diagnosticFindings, ...ruleFindings, ...crashFindings]), model, judgedAt)
  const t3 = performance.now()
  for (const finding of judged) finding.fingerprint ??= fingerprint(finding)
  judged.sort(byLocation)
  return {
    root: options.root,
    files: units.flatMap((u) => u.files),
    model,
    findings: judged,
    rulebookSource: rulebook.source,
    judgedAt,
    timings: { parseMs: t1 - t0, extractMs: t2 - t1, rulesMs: t3 - t2 },
  }
}

/** Terraform modules (on worker threads when the scan is large), then templates and plans, in discovery order. */
async function parseAll(root: string, paths?: string[], parseWorkers?: number, given: GivenInputs = {}): Promise<ParsedUnit[]> {
  const sources = await discoverFiles(root, paths)
  const variables = given.varFiles?.length || given.vars?.length ? { given: { varFiles: given.varFiles, vars: given.vars } } : {}
  const modules = [...sources.terraformModules].map(([dir, files]) => ({ dir, files, ...variables }))
  const parameters = parameterValues(given)
  const documents: (ParsedUnit | undefined)[] = []
  if (parameters.diagnostics.length > 0) documents.push({ framework: 'cloudformation', files: [], resources: [], inputs: [], literals: [], diagnostics: parameters.diagnostics })
  const parseDocuments = sources.documents.map((path) => () => {
    const file = { path, text: readFileSync(`${root}/${path}`, 'utf8') }
    documents.push(parsePlan(file) ?? parseTemplate(file, parameters))
  })
  const terraform = await parseModules(root, modules, createRepoReader(root), { workers: parseWorkers, entry: parseWorkers === 0 ? undefined : bundledWorkerEntry(), meanwhile: parseDocuments })
  return [...terraform, ...documents.filter((unit) => unit !== undefined)]
}

/** Line text of scanned files, read once per file, for turning value fixes into line fixes. */
function sourceLines(root: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>()
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(`${root}/${file}`, 'utf8').split(/\r?\n/))
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
 * two callers passing the same value, says the same thing at the same line once.
 */
function distinct(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = [f.ruleId, f.message, f.loc.file, f.loc.startLine, f.loc.startColumn ?? 0, f.loc.endLine].join('\u0000')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function byLocation(a: Finding, b: Finding): number {
  return a.loc.file.localeCompare(b.loc.file) || a.loc.startLine - b.loc.startLine || a.ruleId.localeCompare(b.ruleId)
}
