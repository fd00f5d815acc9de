import { lstat, readdir } from 'node:fs/promises'
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
  for (const p of paths) await walk(root, join(root, p), found)
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

async function walk(root: string, target: string, found: string[]): Promise<void> {
  let info
  try {
    info = await lstat(target)
  } catch {
    return
  }
  if (info.isSymbolicLink()) return
  if (info.isFile()) {
    found.push(toPosix(relative(root, target)))
    return
  }
  if (!info.isDirectory()) return
  const entries = await readdir(target, { withFileTypes: true })
  for (const entry of entries) {
    if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue
    await walk(root, join(target, entry.name), found)
  }
}
