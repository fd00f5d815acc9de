import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadRulebook, type LoadedRulebook, type RemoteRef, type RulebookError } from '../../src/rulebook/index.js'

/** Readers over an in-memory repository (and, optionally, other repositories keyed `owner/repo/path@ref`). */
export function readers(files: Record<string, string>, remote: Record<string, string> = {}) {
  return {
    readFile: async (path: string) => files[path],
    fetchRemote: async (ref: RemoteRef) => remote[`${ref.owner}/${ref.repo}/${ref.path}@${ref.ref}`],
  }
}

export async function load(files: Record<string, string>, rulebook?: string, remote?: Record<string, string>): Promise<LoadedRulebook> {
  const result = await loadRulebook({ ...readers(files, remote), rulebook })
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'))
  return result.rulebook
}

export async function loadErrors(files: Record<string, string>, rulebook?: string, remote?: Record<string, string>): Promise<RulebookError[]> {
  const result = await loadRulebook({ ...readers(files, remote), rulebook })
  if (result.ok) throw new Error('expected the rulebook to be rejected')
  return result.errors
}

export function ruleOf(rulebook: LoadedRulebook, id: string) {
  return rulebook.effective.rules.find((r) => r.rule.id === id)!
}

/** A directory with these files, removed by the returned function. */
export function tempRepo(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-rulebook-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
