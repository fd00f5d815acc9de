import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import picomatch from 'picomatch'

/*
 * Which paths a scan leaves alone: what git ignores (.gitignore in every directory, as git reads them),
 * what `.policygateignore` files say in the same syntax, `--skip-path` globs, and paths the rulebook
 * excludes from every rule. A skipped path is never read or parsed, so its parse errors are not
 * reported either.
 */

export const POLICYGATE_IGNORE_FILE = '.policygateignore'

export interface SkipOptions {
  /** Read .gitignore files (default true). `.policygateignore` files are always read. */
  gitignore?: boolean
  /** picomatch globs relative to the scan root (`--skip-path`). */
  skipPaths?: string[]
  /** Extra lines in ignore-file syntax relative to the scan root (the Action passes the base commit's .policygateignore). */
  ignoreLines?: string[]
  /** The rulebook's verdict: true when no rule may report in this file. */
  excludedByRulebook?: (path: string) => boolean
}

/** The ignore files of one directory, patterns relative to it. */
interface Level {
  /** POSIX directory relative to the root, '' for the root itself. */
  dir: string
  rules: Ignore
  /** Whether these rules came from .gitignore (cdk.out's templates are built to be scanned, whatever git keeps). */
  fromGit: boolean
}

export interface PathFilter {
  /** Whether `path` (POSIX, relative to the root) is skipped; directories are tested with `isDir`. */
  skips(path: string, isDir: boolean, options?: { exemptFromGit?: boolean }): boolean
  /** How many paths were skipped (a skipped directory counts once). */
  skipped: number
}

export function createPathFilter(root: string, options: SkipOptions = {}): PathFilter {
  const useGit = options.gitignore ?? true
  const globs = options.skipPaths?.length ? picomatch(options.skipPaths.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')), { dot: true }) : undefined
  const levels = new Map<string, Level[]>()
  const extra = options.ignoreLines?.length ? ignore({ allowRelativePaths: true }).add(options.ignoreLines) : undefined

  /** The ignore files of `dir` itself (read once). */
  const own = (dir: string): Level[] => {
    let found = levels.get(dir)
    if (found) return found
    found = []
    for (const [name, fromGit] of [['.gitignore', true], [POLICYGATE_IGNORE_FILE, false]] as const) {
      if (fromGit && !useGit) continue
      const text = readText(join(root, dir, name))
      if (text !== undefined) found.push({ dir, rules: ignore({ allowRelativePaths: true }).add(text), fromGit })
    }
    levels.set(dir, found)
    return found
  }

  const filter: PathFilter = {
    skipped: 0,
    skips(path, isDir, { exemptFromGit = false } = {}) {
      const skipped = isSkipped(path, isDir, exemptFromGit)
      if (skipped) filter.skipped++
      return skipped
    },
  }

  function isSkipped(path: string, isDir: boolean, exemptFromGit: boolean): boolean {
    if (globs && (globs(path) || isDir && globs(`${path}/`))) return true
    if (!isDir && options.excludedByRulebook?.(path)) return true
    const tested = isDir ? `${path}/` : path
    if (extra?.ignores(tested)) return true
    // Later (deeper) files override earlier ones, as in git: the last rule that matches decides.
    let ignored = false
    for (const dir of ancestors(path)) {
      for (const level of own(dir)) {
        if (exemptFromGit && level.fromGit) continue
        const result = level.rules.test(dir === '' ? tested : tested.slice(dir.length + 1))
        if (result.ignored) ignored = true
        else if (result.unignored) ignored = false
      }
    }
    return ignored
  }
  return filter
}

/** '' and every directory above `path`: `a/b/c.tf` → '', 'a', 'a/b'. */
function ancestors(path: string): string[] {
  const parts = path.split('/').slice(0, -1)
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))]
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
