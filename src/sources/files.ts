import { lstatSync, readdirSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { toPosix } from './reader.js'

/** Folders never scanned: VCS data, dependencies, Terraform's downloaded modules and providers. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform', '.terragrunt-cache', '.serverless', 'cdk.out'])

export interface SourceFiles {
  /** Terraform module directories (relative, POSIX) with their .tf, .tf.json and auto-loaded .tfvars files. */
  terraformModules: Map<string, string[]>
  /** YAML/JSON files that may be CloudFormation templates or plans; their content decides. */
  documents: string[]
}

/** Walks `paths` (relative to root) without following symlinks and sorts what it finds by kind. */
export async function discoverFiles(root: string, paths: string[] = ['.']): Promise<SourceFiles> {
  const found: string[] = []
  for (const p of paths) walk(root, join(root, p), found)
  const terraformModules = new Map<string, string[]>()
  const documents: string[] = []
  for (const file of [...new Set(found)].sort()) {
    const kind = classify(file)
    if (kind === 'terraform') {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.'
      terraformModules.set(dir, [...(terraformModules.get(dir) ?? []), file])
    } else if (kind === 'document') documents.push(file)
  }
  return { terraformModules, documents }
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

function walk(root: string, target: string, found: string[]): void {
  let info
  try {
    info = lstatSync(target)
  } catch {
    return
  }
  if (info.isSymbolicLink()) return
  if (info.isFile()) found.push(toPosix(relative(root, target)))
  else if (info.isDirectory()) walkDirectory(root, target, found)
}

// Directory entries already say what they are: no lstat per file.
function walkDirectory(root: string, dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkDirectory(root, path, found)
    } else if (entry.isFile()) found.push(toPosix(relative(root, path)))
  }
}
