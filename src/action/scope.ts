import { posix } from 'node:path'
import { classify } from '../sources/files.js'
import type { ChangedFile } from '../sources/changed-files.js'

/** What a change touches, as scan inputs: whole Terraform module directories and individual documents. */
export interface ChangeScope {
  /** Module directories with a changed .tf/.tfvars file on either side: a module is evaluated as a whole. */
  moduleDirs: string[]
  /** Changed YAML/JSON files as they are named on the head. */
  headDocuments: string[]
  /** The same on the base (a renamed file has its old name here). */
  baseDocuments: string[]
}

export function scopeOfChange(files: ChangedFile[], limitTo: string[]): ChangeScope {
  const moduleDirs = new Set<string>()
  const headDocuments = new Set<string>()
  const baseDocuments = new Set<string>()
  for (const file of files) {
    const headPath = file.status === 'removed' ? undefined : file.path
    const basePath = file.status === 'added' ? undefined : (file.previousPath ?? file.path)
    for (const [path, documents] of [[headPath, headDocuments], [basePath, baseDocuments]] as const) {
      if (!path || !isWithin(path, limitTo)) continue
      const kind = classify(path)
      if (kind === 'terraform') moduleDirs.add(dirOf(path))
      else if (kind === 'document') documents.add(path)
    }
  }
  return { moduleDirs: [...moduleDirs].sort(), headDocuments: [...headDocuments].sort(), baseDocuments: [...baseDocuments].sort() }
}

export function isEmptyScope(scope: ChangeScope): boolean {
  return scope.moduleDirs.length === 0 && scope.headDocuments.length === 0 && scope.baseDocuments.length === 0
}

/** The files to hand to scan() from what was written for one side: module files directly in each module directory, and the documents. */
export function scanPathsOf(scope: ChangeScope, documents: string[], materialised: string[]): string[] {
  const present = new Set(materialised)
  const dirs = new Set(scope.moduleDirs)
  const moduleFiles = materialised.filter((path) => classify(path) === 'terraform' && dirs.has(dirOf(path)))
  return [...moduleFiles, ...documents.filter((path) => present.has(path))]
}

/** Paths git should write for one side: module directories whole (their file() and templatefile() targets live there) and the documents. */
export function materialisePathsOf(scope: ChangeScope, documents: string[]): string[] {
  return [...scope.moduleDirs, ...documents]
}

/**
 * Folders of the local modules a module's Terraform files call (`source = "./x"`, `"../x"`), relative
 * to the repository; a source leaving the repository is left out (the scan reports it at its line).
 */
export function calledModuleDirs(moduleDir: string, texts: string[]): string[] {
  const dirs = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(/^\s*source\s*=\s*"(\.\.?\/[^"]*)"/gm)) {
      const dir = posix.normalize(posix.join(moduleDir, match[1]!)).replace(/(.)\/+$/, '$1')
      if (dir !== '..' && !dir.startsWith('../')) dirs.add(dir)
    }
  }
  return [...dirs].sort()
}

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.'
}

function isWithin(path: string, limitTo: string[]): boolean {
  if (limitTo.length === 0) return true
  return limitTo.some((root) => {
    const prefix = root.replace(/^\.\/?/, '').replace(/\/+$/, '')
    return prefix === '' || path === prefix || path.startsWith(`${prefix}/`)
  })
}
