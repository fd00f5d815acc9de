import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * Where a rulebook file lives: a preset shipped in policies/, a file of the scanned repository, or a
 * file of another repository at a ref (`owner/repo/path@ref`). A path in `extends:` or
 * `custom_rule_files:` is relative to the repository root of the file that names it, or to that
 * file's directory when it starts with `./` or `../` (a central rulebook's paths stay in its repository).
 */

export interface RemoteRef {
  owner: string
  repo: string
  path: string
  ref: string
}

export type RulebookLocation = { kind: 'preset'; name: string } | { kind: 'local'; path: string } | ({ kind: 'remote' } & RemoteRef)

export const PRESETS = ['recommended', 'strict', 'cis-aws'] as const

const REMOTE = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/([^@]+)@([^@\s]+)$/

export function displayName(location: RulebookLocation): string {
  switch (location.kind) {
    case 'preset':
      return `policygate:${location.name}`
    case 'local':
      return location.path
    case 'remote':
      return `${location.owner}/${location.repo}/${location.path}@${location.ref}`
  }
}

/** Reads a reference as written in `extends:`, `--rulebook` or the Action's `rulebook` input, relative to `from` (the repository root when absent). */
export function resolveLocation(text: string, from?: RulebookLocation): RulebookLocation | { error: string } {
  const spec = text.trim()
  if (spec.startsWith('policygate:')) {
    const name = spec.slice('policygate:'.length)
    return (PRESETS as readonly string[]).includes(name) ? { kind: 'preset', name } : { error: `unknown preset '${spec}' (presets: ${PRESETS.map((p) => `policygate:${p}`).join(', ')})` }
  }
  const remote = REMOTE.exec(spec)
  if (remote) return { kind: 'remote', owner: remote[1]!, repo: remote[2]!, path: posix.normalize(remote[3]!), ref: remote[4]! }
  if (from?.kind === 'preset') return { error: `a preset extends presets only, not '${spec}'` }
  if (posix.isAbsolute(spec) || /^[A-Za-z]:[\\/]/.test(spec)) return { error: `'${spec}' must be relative to the repository (or owner/repo/path@ref)` }
  const fileRelative = spec.startsWith('./') || spec.startsWith('../')
  const base = fileRelative && (from?.kind === 'local' || from?.kind === 'remote') ? posix.dirname(from.path) : '.'
  const path = posix.normalize(posix.join(base, spec))
  if (path === '..' || path.startsWith('../')) return { error: `'${spec}' points outside the repository` }
  return from?.kind === 'remote' ? { ...from, path } : { kind: 'local', path }
}

/** policies/ of this package: beside src/ when run from source, beside dist/ in the bundle (dist/ or dist/chunks/). */
function policiesDir(moduleUrl: string = import.meta.url): string {
  const moduleDir = dirname(fileURLToPath(moduleUrl))
  for (const candidate of [join(moduleDir, '..', 'policies'), join(moduleDir, '..', '..', 'policies'), join(moduleDir, '..', '..', '..', 'policies')]) {
    if (existsSync(join(candidate, 'recommended.yml'))) return candidate
  }
  throw new Error(`policygate's policies/ directory was not found near ${moduleDir}`)
}

export function readPreset(name: string): string {
  return readFileSync(join(policiesDir(), `${name}.yml`), 'utf8')
}
