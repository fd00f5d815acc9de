import { lstatSync, readdirSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { createPathFilter, type PathFilter, type SkipOptions } from './ignore.js'
import { toPosix } from './reader.js'

/** Folders never scanned: VCS data, dependencies, Terraform's downloaded modules and providers. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform', '.terragrunt-cache', '.serverless'])

/** The CDK's output folder: only the synthesized templates are read from it (not assets or manifests). */
const CDK_OUT = 'cdk.out'
const CDK_TEMPLATE = /\.template\.json$/
/** A CDK stage's nested cloud assembly inside cdk.out. */
const CDK_ASSEMBLY = /^assembly-/

export interface SourceFiles {
  /** Terraform module directories (relative, POSIX) with their .tf, .tf.json and auto-loaded .tfvars files. */
  terraformModules: Map<string, string[]>
  /** YAML/JSON files that may be CloudFormation templates or plans; their content decides. */
  documents: string[]
  /** Paths left out by ignore files, --skip-path or the rulebook (a directory counts once). */
  skipped: number
  /** Files found and not skipped, recognised or not. */
  walked: number
}

/** Walks `paths` (relative to root) without following symlinks, leaving out what `skip` says, and sorts what it finds by kind. */
export async function discoverFiles(root: string, paths: string[] = ['.'], skip?: SkipOptions): Promise<SourceFiles> {
  const found: string[] = []
  const filter = createPathFilter(root, skip)
  for (const p of paths) walk(root, join(root, p), found, filter)
  const terraformModules = new Map<string, string[]>()
  const documents: string[] = []
  for (const file of [...new Set(found)].sort()) {
    const kind = classify(file)
    if (kind === 'terraform') {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.'
      terraformModules.set(dir, [...(terraformModules.get(dir) ?? []), file])
    } else if (kind === 'document') documents.push(file)
  }
  return { terraformModules, documents, skipped: filter.skipped, walked: new Set(found).size }
}

export function classify(file: string): 'terraform' | 'document' | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1)
  if (base.endsWith('.tf') || base.endsWith('.tf.json')) return 'terraform'
  // Only the variable files Terraform loads by itself; others need -var-file we cannot see.
  if (base === 'terraform.tfvars' || base === 'terraform.tfvars.json' || base.endsWith('.auto.tfvars') || base.endsWith('.auto.tfvars.json')) return 'terraform'
  const ext = extname(base).toLowerCase()
  if (ext === '.yaml' || ext === '.yml' || ext === '.json' || ext === '.template') return 'document'
  return undefined
}

function walk(root: string, target: string, found: string[], filter: PathFilter): void {
  let info
  try {
    info = lstatSync(target)
  } catch {
    return
  }
  if (info.isSymbolicLink()) return
  const path = toPosix(relative(root, target))
  const inCdkOut = path.split('/').includes(CDK_OUT)
  if (info.isFile()) {
    if (!filter.skips(path, false, { exemptFromGit: inCdkOut })) found.push(path)
  } else if (info.isDirectory()) {
    if (path === '' || !filter.skips(path, true, { exemptFromGit: inCdkOut })) walkDirectory(root, target, found, filter, inCdkOut)
  }
}

// Directory entries already say what they are: no lstat per file.
function walkDirectory(root: string, dir: string, found: string[], filter: PathFilter, inCdkOut: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = toPosix(relative(root, join(dir, entry.name)))
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name)) continue
      const cdk = inCdkOut || entry.name === CDK_OUT
      if (inCdkOut && !CDK_ASSEMBLY.test(entry.name)) continue
      // cdk.out is usually in .gitignore, yet its templates are what a CDK app deploys: git's rules do not apply there.
      if (!filter.skips(path, true, { exemptFromGit: cdk })) walkDirectory(root, join(dir, entry.name), found, filter, cdk)
    } else if (entry.isFile()) {
      if (inCdkOut && !CDK_TEMPLATE.test(entry.name)) continue
      if (!filter.skips(path, false, { exemptFromGit: inCdkOut })) found.push(path)
    }
  }
}
