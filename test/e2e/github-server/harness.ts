import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { OpenApi } from './openapi.js'
import type { PullFile } from './server.js'

const require = createRequire(import.meta.url)
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/**
 * Lays the Action out as the runner downloads it (`uses: owner/policygate@v1` is a checkout of the
 * repository: action.yml, dist/ and the shipped presets in policies/), with dist/ bundled fresh by
 * the project's own build script.
 */
export function buildAction(): { actionJs: string; cleanup: () => void } {
  const actionDir = mkdtempSync(join(tmpdir(), 'policygate-action-'))
  const outdir = join(actionDir, 'dist')
  // build.mjs resolves its argument against the working directory.
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), relative(tmpdir(), outdir)], { cwd: tmpdir(), stdio: 'pipe' })
  cpSync(join(REPO_ROOT, 'policies'), join(actionDir, 'policies'), { recursive: true })
  cpSync(join(REPO_ROOT, 'action.yml'), join(actionDir, 'action.yml'))
  return { actionJs: join(outdir, 'action.js'), cleanup: () => rmSync(actionDir, { recursive: true, force: true }) }
}

export function sh(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim()
}

export interface RepoFixture {
  dir: string
  origin: string
  /** The runner's checkout: a shallow clone of refs/pull/N/merge, without base or head commits. */
  workspace: string
  baseSha: string
  headSha: string
  mergeSha: string
  cleanup(): void
}

type Files = Record<string, string | null>

/** A repository with a base commit on main, a head commit on a branch, the merge GitHub would make, all pushed to a bare origin; the workspace is a depth-1 checkout of the merge. */
export function createRepo(baseFiles: Files, headChanges: Files): RepoFixture {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-repo-'))
  const author = join(dir, 'author')
  const origin = join(dir, 'origin.git')
  mkdirSync(author)
  sh(dir, ['init', '-q', '--bare', '-b', 'main', origin])
  sh(origin, ['config', 'uploadpack.allowAnySHA1InWant', 'true'])
  sh(author, ['init', '-q', '-b', 'main'])
  writeFiles(author, baseFiles)
  sh(author, ['add', '-A'])
  sh(author, ['commit', '-q', '-m', 'base'])
  const baseSha = sh(author, ['rev-parse', 'HEAD'])
  sh(author, ['checkout', '-q', '-b', 'feature'])
  writeFiles(author, headChanges)
  sh(author, ['add', '-A'])
  sh(author, ['commit', '-q', '-m', 'head'])
  const headSha = sh(author, ['rev-parse', 'HEAD'])
  sh(author, ['checkout', '-q', '--detach', baseSha])
  sh(author, ['merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature'])
  const mergeSha = sh(author, ['rev-parse', 'HEAD'])
  sh(author, ['push', '-q', origin, 'main', 'feature', `${mergeSha}:refs/pull/1/merge`])
  const workspace = join(dir, 'workspace')
  mkdirSync(workspace)
  sh(workspace, ['init', '-q'])
  sh(workspace, ['remote', 'add', 'origin', `file://${origin}`])
  sh(workspace, ['fetch', '-q', '--depth=1', 'origin', 'refs/pull/1/merge'])
  sh(workspace, ['checkout', '-q', 'FETCH_HEAD'])
  return { dir, origin, workspace, baseSha, headSha, mergeSha, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Adds a commit on the feature branch and a new merge; returns the new head and merge. */
export function pushToHead(repo: RepoFixture, changes: Files): { headSha: string; mergeSha: string } {
  const author = join(repo.dir, 'author')
  sh(author, ['checkout', '-q', 'feature'])
  writeFiles(author, changes)
  sh(author, ['add', '-A'])
  sh(author, ['commit', '-q', '-m', 'more'])
  const headSha = sh(author, ['rev-parse', 'HEAD'])
  sh(author, ['checkout', '-q', '--detach', repo.baseSha])
  sh(author, ['merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature'])
  const mergeSha = sh(author, ['rev-parse', 'HEAD'])
  sh(author, ['push', '-q', '-f', repo.origin, 'feature', `${mergeSha}:refs/pull/1/merge`])
  rmSync(repo.workspace, { recursive: true, force: true })
  mkdirSync(repo.workspace)
  sh(repo.workspace, ['init', '-q'])
  sh(repo.workspace, ['remote', 'add', 'origin', `file://${repo.origin}`])
  sh(repo.workspace, ['fetch', '-q', '--depth=1', 'origin', 'refs/pull/1/merge'])
  sh(repo.workspace, ['checkout', '-q', 'FETCH_HEAD'])
  return { headSha, mergeSha }
}

function writeFiles(root: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    const target = join(root, path)
    if (text === null) rmSync(target, { force: true })
    else {
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, text)
    }
  }
}

/** What GitHub's PR files API would list: per file, status and the patch from the first `@@`. */
export function pullFilesOf(repo: RepoFixture, baseSha: string, headSha: string): PullFile[] {
  const author = join(repo.dir, 'author')
  const status = sh(author, ['diff', '--name-status', '--find-renames', baseSha, headSha])
  return status.split('\n').filter(Boolean).map((line) => {
    const [code, first, second] = line.split('\t') as [string, string, string | undefined]
    const filename = second ?? first
    const kind = code.startsWith('R') ? 'renamed' : code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified'
    const paths = kind === 'renamed' ? [first, filename] : [filename]
    const diff = sh(author, ['diff', '--find-renames', baseSha, headSha, '--', ...paths])
    const patch = diff.slice(diff.indexOf('@@'))
    const additions = (patch.match(/^\+(?!\+\+)/gm) ?? []).length
    const deletions = (patch.match(/^-(?!--)/gm) ?? []).length
    return { filename, status: kind, ...(kind === 'renamed' ? { previous_filename: first } : {}), patch: diff.includes('@@') ? patch : undefined, additions, deletions, changes: additions + deletions }
  })
}

/** A real `pull_request` payload from @octokit/webhooks-examples, pointed at the fixture's commits. */
export function pullRequestEvent(options: { owner: string; repo: string; number: number; baseSha: string; headSha: string; fork?: boolean }): Record<string, any> {
  const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[]
  const opened = examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!
  const event = structuredClone(opened)
  const fullName = `${options.owner}/${options.repo}`
  event.number = options.number
  event.pull_request.number = options.number
  event.repository.full_name = fullName
  event.repository.name = options.repo
  event.repository.owner.login = options.owner
  event.pull_request.base.sha = options.baseSha
  event.pull_request.base.ref = 'main'
  event.pull_request.base.repo.full_name = fullName
  event.pull_request.head.sha = options.headSha
  event.pull_request.head.ref = 'feature'
  event.pull_request.head.repo.full_name = options.fork ? `contributor/${options.repo}` : fullName
  return event
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The SARIF and JSON reports the outputs point at, read before the runner's temp directory goes. */
  sarif?: any
  report?: any
  ms: number
}

/** Runs the bundled Action as the runner does: `node dist/action.js` with GITHUB_* and INPUT_* variables and files. */
export async function runAction(options: {
  actionJs: string
  workspace: string
  apiUrl: string
  eventName: string
  event: Record<string, unknown>
  sha: string
  repository: string
  inputs?: Record<string, string>
  /** Runner variables to set or override. */
  env?: Record<string, string>
}): Promise<ActionRun> {
  const runnerDir = mkdtempSync(join(tmpdir(), 'policygate-runner-'))
  const eventPath = join(runnerDir, 'event.json')
  const outputPath = join(runnerDir, 'output')
  const summaryPath = join(runnerDir, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(options.event))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  // action.yml defaults, as the runner passes them.
  const inputs: Record<string, string> = { 'github-token': 'ghs_fake_token_for_tests', 'fail-on': 'high', 'comment-mode': 'review', 'max-comments': '30', scan: 'auto', gate: 'new', ...options.inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerDir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_SHA: options.sha,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerDir,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
    ...options.env,
  }
  const started = performance.now()
  const child = spawn(process.execPath, [options.actionJs], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => stdout.push(c))
  child.stderr.on('data', (c: Buffer) => stderr.push(c))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const ms = performance.now() - started
  const outputs = parseOutputs(readFileSync(outputPath, 'utf8'))
  const readJson = (path: string | undefined) => (path ? JSON.parse(readFileSync(path, 'utf8')) : undefined)
  const result = { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), outputs, summary: readFileSync(summaryPath, 'utf8'), sarif: readJson(outputs['sarif-file']), report: readJson(outputs['report-json']), ms }
  rmSync(runnerDir, { recursive: true, force: true })
  return result
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}

/** Every file of a commit, as the contents API would serve it: path → text. */
export function filesAt(repo: RepoFixture, sha: string): Record<string, string> {
  const author = join(repo.dir, 'author')
  const paths = sh(author, ['ls-tree', '-r', '--name-only', sha]).split('\n').filter(Boolean)
  return Object.fromEntries(paths.map((path) => [path, execFileSync('git', ['show', `${sha}:${path}`], { cwd: author, encoding: 'utf8' })]))
}

/**
 * The bundled Action built once for a test file, GitHub's OpenAPI description to check requests against,
 * and cleanups a test registers, run after it. Call at the top of a test file.
 */
export function bundledActionSuite(): { readonly api: OpenApi; readonly actionJs: string; cleanups: (() => void | Promise<void>)[] } {
  let api: OpenApi | undefined
  let built: { actionJs: string; cleanup: () => void } | undefined
  const cleanups: (() => void | Promise<void>)[] = []
  beforeAll(() => {
    api = new OpenApi()
    built = buildAction()
  })
  afterAll(() => built?.cleanup())
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })
  return {
    get api() {
      return api!
    },
    get actionJs() {
      return built!.actionJs
    },
    cleanups,
  }
}
