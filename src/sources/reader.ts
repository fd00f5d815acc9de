import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { sourceText } from './text.js'

/**
 * Reads files of the scanned repository for Terraform's file()/templatefile(): only inside the
 * root, never through a symlink that leads out of it. The tool never runs anything it reads.
 */
export interface RepoReader {
  /** `relPath` is relative to the scan root (POSIX separators). Undefined when outside the root, missing or not a file. */
  readText(relPath: string): string | undefined
  /** Names of the files (not folders) directly in `relDir`, sorted; undefined when it is outside the root or not a folder. */
  listFiles?(relDir: string): string[] | undefined
  /** `relPath` resolved against the root stays inside it (symlinks followed): a module source leaving the repository is never read. */
  isInside?(relPath: string): boolean
}

/** `maxBytes`: a larger file reads as absent, as the scan skips such files (src/parse/files.ts). */
export function createRepoReader(root: string, maxBytes = Number.POSITIVE_INFINITY): RepoReader {
  const realRoot = realpathSync(root)
  return {
    readText(relPath) {
      if (isAbsolute(relPath)) return undefined
      const target = resolve(realRoot, relPath)
      if (!isInside(realRoot, target)) return undefined
      try {
        const real = realpathSync(target)
        if (!isInside(realRoot, real)) return undefined
        const info = lstatSync(real)
        if (!info.isFile() || info.size > maxBytes) return undefined
        return sourceText(readFileSync(real, 'utf8'))
      } catch {
        return undefined
      }
    },
    listFiles(relDir) {
      const real = realInside(realRoot, relDir)
      if (real === undefined) return undefined
      try {
        return readdirSync(real, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort()
      } catch {
        return undefined
      }
    },
    isInside(relPath) {
      return !isAbsolute(relPath) && isInside(realRoot, resolve(realRoot, relPath))
    },
  }
}

/** The real path of `relPath` when it and its real path are inside the root. */
function realInside(realRoot: string, relPath: string): string | undefined {
  if (isAbsolute(relPath)) return undefined
  const target = resolve(realRoot, relPath)
  if (!isInside(realRoot, target)) return undefined
  try {
    const real = realpathSync(target)
    return isInside(realRoot, real) ? real : undefined
  } catch {
    return undefined
  }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))
}

export function toPosix(p: string): string {
  return p.split(sep).join('/')
}

