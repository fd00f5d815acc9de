import * as core from '@actions/core'
import type { GivenInputTexts } from '../parse/given-inputs.js'
import { SEVERITIES, type Severity } from '../rules/types.js'
import { DEFAULT_TIMEOUT_SECONDS } from '../timeout.js'

export type CommentMode = 'review' | 'summary' | 'off'
export type ScanScope = 'auto' | 'changed' | 'full'
/** Which findings decide the conclusion: those the change adds, or every finding in what was scanned. */
export type GateOn = 'new' | 'all'

export interface ActionInputs {
  paths: string[]
  rulebook: string
  failOn: Severity | 'none'
  commentMode: CommentMode
  maxComments: number
  scan: ScanScope
  gate: GateOn
  sarifFile: string
  token: string
  /** Globs of paths to leave out (besides .gitignore and .policygateignore). */
  skipPaths: string[]
  /** A baseline file in the repository, for full scans; empty: none. */
  baseline: string
  /** `var-file`, `var`, `parameters`, `parameter`: one per line, as the CLI's repeatable options. */
  given: GivenInputTexts
  /** Scan limits: `timeout` in seconds, `max-file-size` in megabytes (absent: the rulebook's, else 10 MB). */
  limits: { timeoutMs: number; maxFileBytes?: number }
}

/** What the runner tells the step about where it runs. */
export interface RunnerEnv {
  workspace: string
  eventName: string
  eventPath: string
  repository: { owner: string; repo: string }
  sha: string
  apiUrl: string
  serverUrl: string
  tempDir: string
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: string }

/** Every input of action.yml, read and validated here and nowhere else. */
export function readInputs(): Read<ActionInputs> {
  const failOn = core.getInput('fail-on') || 'high'
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) return bad('fail-on', failOn, [...SEVERITIES, 'none'])
  const commentMode = core.getInput('comment-mode') || 'review'
  if (!['review', 'summary', 'off'].includes(commentMode)) return bad('comment-mode', commentMode, ['review', 'summary', 'off'])
  const scan = core.getInput('scan') || 'auto'
  if (!['auto', 'changed', 'full'].includes(scan)) return bad('scan', scan, ['auto', 'changed', 'full'])
  const gate = core.getInput('gate') || 'new'
  if (!['new', 'all'].includes(gate)) return bad('gate', gate, ['new', 'all'])
  const maxCommentsText = core.getInput('max-comments') || '30'
  const maxComments = Number(maxCommentsText)
  if (!Number.isInteger(maxComments) || maxComments < 0) return { ok: false, error: `Input max-comments must be a whole number ≥ 0, got "${maxCommentsText}"` }
  const timeoutText = core.getInput('timeout') || String(DEFAULT_TIMEOUT_SECONDS)
  const maxFileText = core.getInput('max-file-size')
  for (const [name, text] of [['timeout', timeoutText], ['max-file-size', maxFileText || '1']]) {
    if (!(Number(text) > 0 && Number.isFinite(Number(text)))) return { ok: false, error: `Input ${name} must be a positive number, got "${text}"` }
  }
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  return {
    ok: true,
    value: {
      paths: listInput(core.getMultilineInput('paths')),
      rulebook: core.getInput('rulebook'),
      failOn: failOn as Severity | 'none',
      commentMode: commentMode as CommentMode,
      maxComments,
      scan: scan as ScanScope,
      gate: gate as GateOn,
      sarifFile: core.getInput('sarif-file'),
      token,
      skipPaths: listInput(core.getMultilineInput('skip-paths')),
      baseline: core.getInput('baseline'),
      given: {
        varFiles: nonEmpty(core.getMultilineInput('var-file')),
        vars: nonEmpty(core.getMultilineInput('var')),
        parameterFiles: nonEmpty(core.getMultilineInput('parameters')),
        parameters: nonEmpty(core.getMultilineInput('parameter')),
      },
      limits: { timeoutMs: Number(timeoutText) * 1000, ...(maxFileText ? { maxFileBytes: Math.round(Number(maxFileText) * 1024 * 1024) } : {}) },
    },
  }
}

/** A list input's entries: one per line or comma-separated. */
function listInput(lines: string[]): string[] {
  return lines.flatMap((line) => line.split(',')).map((p) => p.trim()).filter(Boolean)
}

function nonEmpty(lines: string[]): string[] {
  return lines.map((line) => line.trim()).filter(Boolean)
}

function bad(name: string, value: string, allowed: string[]): Read<never> {
  return { ok: false, error: `Input ${name} must be one of ${allowed.join(', ')}, got "${value}"` }
}

export function readRunnerEnv(env: NodeJS.ProcessEnv = process.env): Read<RunnerEnv> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo) return { ok: false, error: 'GITHUB_REPOSITORY is not set: policygate runs as a GitHub Action step' }
  if (!env.GITHUB_EVENT_PATH || !env.GITHUB_EVENT_NAME) return { ok: false, error: 'GITHUB_EVENT_PATH and GITHUB_EVENT_NAME must be set' }
  return {
    ok: true,
    value: {
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      eventName: env.GITHUB_EVENT_NAME,
      eventPath: env.GITHUB_EVENT_PATH,
      repository: { owner, repo },
      sha: env.GITHUB_SHA ?? '',
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
      tempDir: env.RUNNER_TEMP || env.TMPDIR || '/tmp',
    },
  }
}
