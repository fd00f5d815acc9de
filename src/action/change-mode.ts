import * as core from '@actions/core'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { classifyFindings } from '../diff/classify.js'
import { modifiedInChange, suppressionLedger, withSuppressionGate, type LoadedRulebook } from '../rulebook/index.js'
import { redactResult } from '../report/redact.js'
import type { GivenInputs } from '../parse/given-inputs.js'
import { active } from '../report/summary.js'
import { fingerprint, scan, type ScanResult } from '../scan.js'
import type { ChangedFile } from '../sources/changed-files.js'
import { POLICYGATE_IGNORE_FILE, type SkipOptions } from '../sources/ignore.js'
import { changedFilesFromGit, mergeBase } from '../sources/git-diff.js'
import { changedFilesFromPr } from '../sources/pr-files.js'
import type { ChangePlan } from './event.js'
import type { GitHubClient } from './github.js'
import type { ActionInputs } from './inputs.js'
import { describeError } from './publish/errors.js'
import { openCommits, type CommitSource } from './commit-source.js'
import { loadRunRulebook } from './rulebook.js'
import { calledModuleDirs, isEmptyScope, materialisePathsOf, scanPathsOf, scopeOfChange, type ChangeScope } from './scope.js'

export interface ChangeScan {
  /** The commit the change is measured from: the merge base when history allows, else the base branch's head. */
  diffBase: string
  changedFiles: Map<string, ChangedFile>
  head: ScanResult
  base: ScanResult
  added: ReturnType<typeof classifyFindings>['added']
  existing: ReturnType<typeof classifyFindings>['existing']
  fixed: ReturnType<typeof classifyFindings>['fixed']
  /** Read at the base branch's head: the pull request cannot loosen the policy it is judged by. */
  rulebook: LoadedRulebook
  /** Things the reader should know about how the change was read. */
  notes: string[]
}

export interface ChangeScanInput {
  workspace: string
  tempDir: string
  repository: { owner: string; repo: string }
  plan: ChangePlan
  paths: string[]
  /** The `rulebook` input. */
  rulebookSpec: string
  /** The `skip-paths` input. */
  skipPaths?: string[]
  /** The `timeout` and `max-file-size` inputs, for each side's scan. */
  limits?: ActionInputs['limits']
  octokit?: GitHubClient
  /** Variable files and values, parameters, from the Action's inputs: both sides are scanned with them. */
  given?: GivenInputs
}

/** Scans what the change touches on the head and on the base, each written from git objects into its own directory, and classifies the findings. */
export async function scanChange(input: ChangeScanInput): Promise<ChangeScan | { error: string }> {
  const { plan, workspace } = input
  const commits = await openCommits(workspace, [plan.headSha, plan.baseSha], { octokit: input.octokit, ...input.repository })
  if ('error' in commits) return commits
  const notes: string[] = []
  if (commits.kind === 'api') notes.push('git could not provide the base and head commits; their files were read through the contents API.')
  const diffBase = (commits.kind === 'git' ? await mergeBase(workspace, plan.baseSha, plan.headSha) : undefined) ?? plan.baseSha
  const loaded = await loadRunRulebook(input.rulebookSpec, commits.reader(plan.baseSha), input.octokit)
  if ('error' in loaded) return loaded
  const { rulebook } = loaded
  // Like the rulebook, the ignore file is the base's: a pull request cannot hide its own files.
  const skip: SkipOptions = { skipPaths: input.skipPaths, ignoreLines: (await commits.reader(plan.baseSha)(POLICYGATE_IGNORE_FILE))?.split(/\r?\n/) }
  const files = await changedFiles(input, diffBase, notes)
  if ('error' in files) return files
  const scope = scopeOfChange(files, input.paths)
  const renamed = new Map(files.filter((f) => f.previousPath).map((f) => [f.previousPath!, f.path]))
  // A suppression counts on the head only where the base commit's same suppression hid the same finding.
  const suppressions = suppressionLedger({ base: (f) => fingerprint({ ...f, loc: { ...f.loc, file: renamed.get(f.loc.file) ?? f.loc.file } }), head: fingerprint })
  const work = await mkdtemp(join(input.tempDir, 'policygate-'))
  try {
    const base = await scanSide(commits, diffBase, scope, scope.baseDocuments, join(work, 'base'), withSuppressionGate(rulebook, suppressions.base), skip, undefined, input.given, input.limits)
    if ('error' in base) return base
    const scanned = await scanSide(commits, plan.headSha, scope, scope.headDocuments, join(work, 'head'), withSuppressionGate(rulebook, suppressions.head), skip, base.model, input.given, input.limits)
    if ('error' in scanned) return scanned
    // Edits to the rulebook and new or refused suppressions are findings of the change itself, new by construction.
    const policyFindings = modifiedInChange({ rulebook, changedFiles: files, base: base.model, head: scanned.model, refused: suppressions.refused }).map((f) => ({ ...f, fingerprint: fingerprint(f) }))
    // Masked before classifying, so both sides' fingerprints are of what is published.
    const head = redactResult({ ...scanned, findings: [...scanned.findings, ...policyFindings] })
    const baseShown = redactResult(base)
    const classified = classifyFindings(active(head.findings), active(baseShown.findings), renamed)
    return { diffBase, changedFiles: new Map(files.map((f) => [f.path, f])), head, base: baseShown, ...classified, rulebook, notes }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** The PR files API first (what GitHub shows as the diff); `git diff` when there is no pull request, when the API fails, caps the list or leaves out patches. */
async function changedFiles(input: ChangeScanInput, diffBase: string, notes: string[]): Promise<ChangedFile[] | { error: string }> {
  const { plan, octokit, workspace } = input
  if (plan.pr && octokit) {
    try {
      const listed = await changedFilesFromPr(octokit, plan.pr)
      if (!listed.capped && listed.withoutPatch.length === 0) return listed.files
      const fromGit = await changedFilesFromGit(workspace, diffBase, plan.headSha)
      if ('error' in fromGit) {
        notes.push(`The files API ${listed.capped ? 'capped the list' : 'left out some patches'} and ${fromGit.error}; lines of those files are unknown`)
        return listed.files
      }
      if (listed.capped) return fromGit
      const gitByPath = new Map(fromGit.map((f) => [f.path, f]))
      return listed.files.map((f) => (listed.withoutPatch.includes(f.path) ? (gitByPath.get(f.path) ?? f) : f))
    } catch (error) {
      core.warning(`Listing the pull request's files failed (${describeError(error)}); using git diff`)
    }
  }
  return changedFilesFromGit(workspace, diffBase, plan.headSha)
}

/** Deeper than any real module tree: a module calling itself stops here. */
const MAX_MODULE_ROUNDS = 16

/**
 * The local modules the scanned modules call, to any depth, written beside them: module instances are
 * evaluated with their callers' arguments, so the called modules must be there to be read (not scanned
 * on their own unless the change touches them).
 */
async function materialiseCalledModules(commits: CommitSource, sha: string, dir: string, scanned: string[]): Promise<{ dirs: string[] } | { error: string }> {
  const done = new Set(scanned)
  let round = scanned
  for (let i = 0; i < MAX_MODULE_ROUNDS && round.length > 0; i++) {
    const called = new Set<string>()
    for (const moduleDir of round) {
      const texts = await terraformTexts(join(dir, moduleDir))
      for (const calledDir of calledModuleDirs(moduleDir, texts)) if (!done.has(calledDir)) called.add(calledDir)
    }
    round = [...called]
    if (round.length === 0) break
    for (const calledDir of round) done.add(calledDir)
    const written = await commits.materialise(sha, round, dir)
    if ('error' in written) return written
  }
  return { dirs: [...done] }
}

async function terraformTexts(folder: string): Promise<string[]> {
  try {
    const names = (await readdir(folder)).filter((name) => name.endsWith('.tf'))
    return await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')))
  } catch {
    return []
  }
}

async function scanSide(commits: CommitSource, sha: string, scope: ChangeScope, documents: string[], dir: string, rulebook: LoadedRulebook, skip: SkipOptions, base?: ScanResult['model'], given?: GivenInputs, limits?: ActionInputs['limits']): Promise<ScanResult | { error: string }> {
  await mkdir(dir, { recursive: true })
  if (isEmptyScope(scope)) return scan({ root: dir, paths: [], rulebook, skip, ...limits })
  const written = await commits.materialise(sha, materialisePathsOf(scope, documents), dir)
  if ('error' in written) return written
  const modules = await materialiseCalledModules(commits, sha, dir, scope.moduleDirs)
  if ('error' in modules) return modules
  return scan({ root: dir, paths: scanPathsOf(scope, documents, written.files), rulebook, base, skip, given, ...limits })
}
