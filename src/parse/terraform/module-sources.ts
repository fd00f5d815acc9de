import { posix } from 'node:path'
import type { RepoReader } from '../../sources/reader.js'
import { parseJsonValue } from '../json.js'
import { field, type Value } from '../value.js'
import type { ChildSource, ModuleTree } from './module.js'
import { attribute, type Block, type SyntaxFile } from './syntax.js'

/** Deeper nesting than any real configuration: a module that calls itself stops here. */
const MAX_DEPTH = 16

/**
 * Module folders already parsed in this scan (one reader per scan and thread): a library called from
 * many roots is parsed once. Syntax trees are never changed by evaluation, so instances share them.
 */
const parsedByReader = new WeakMap<RepoReader, Map<string, Promise<SyntaxFile[]>>>()

export type ReadSyntax = (source: { path: string; text: string }) => Promise<SyntaxFile | undefined>

/**
 * Finds, before evaluation, every module the calls below a root read: local sources relative to the
 * calling module, registry and git sources where `terraform init` put them (the root's
 * `.terraform/modules/modules.json`). A source outside the repository, a remote source without that
 * record, and a folder without Terraform files are unresolved at the call's `source` line: never
 * read, never silently dropped. Each folder is read and parsed once per root.
 */
export async function loadModuleTree(rootDir: string, rootFiles: SyntaxFile[], reader: RepoReader, read: ReadSyntax): Promise<ModuleTree> {
  const tree: ModuleTree = { children: new Map(), diagnostics: [] }
  const installed = installedModules(rootDir, reader)
  const parsed = parsedByReader.get(reader) ?? new Map<string, Promise<SyntaxFile[]>>()
  parsedByReader.set(reader, parsed)
  const filesOf = (dir: string) => {
    let files = parsed.get(dir)
    if (!files) parsed.set(dir, (files = readModuleFiles(dir, reader, read)))
    return files
  }
  const visit = async (dir: string, key: string, files: SyntaxFile[], chain: string[]): Promise<void> => {
    for (const call of files.flatMap((file) => file.body.blocks).filter((b) => b.type === 'module' && b.labels[0] !== undefined)) {
      const childKey = key ? `${key}.${call.labels[0]}` : call.labels[0]!
      const child = await resolveCall(call, dir, installed.get(childKey), reader, filesOf)
      if ('dir' in child && (chain.includes(child.dir) || chain.length >= MAX_DEPTH)) {
        const loc = attribute(call.body, 'source')!.value.range
        tree.children.set(childKey, { unresolved: `module.${call.labels[0]}: its source ${child.dir} contains this call, so it is not followed`, loc })
      } else tree.children.set(childKey, child)
      const set = tree.children.get(childKey)!
      if ('dir' in set) await visit(set.dir, childKey, set.files, [...chain, set.dir])
      else if (!tree.diagnostics.some((d) => d.message === set.unresolved && d.loc === set.loc)) tree.diagnostics.push({ kind: 'unresolved', message: set.unresolved, loc: set.loc })
    }
  }
  await visit(rootDir, '', rootFiles, [rootDir])
  return tree
}

async function resolveCall(call: Block, callerDir: string, installedDir: string | undefined, reader: RepoReader, filesOf: (dir: string) => Promise<SyntaxFile[]>): Promise<ChildSource> {
  const name = `module.${call.labels[0]}`
  const sourceAttribute = attribute(call.body, 'source')
  const loc = sourceAttribute?.value.range ?? call.range
  const source = sourceAttribute?.value.kind === 'literal' && typeof sourceAttribute.value.value === 'string' ? sourceAttribute.value.value : undefined
  if (source === undefined) return { unresolved: `${name}: its source is not a literal string, so the module is not read`, loc }
  const local = source.startsWith('./') || source.startsWith('../')
  const dir = installedDir ?? (local ? folderOf(callerDir, source) : undefined)
  if (dir === undefined) {
    return { unresolved: `${name}: its source ${source} is not in the repository and no .terraform/modules/modules.json (terraform init) says where it was installed, so the resources it creates are not checked`, loc }
  }
  if (dir === '..' || dir.startsWith('../') || reader.isInside?.(dir) === false) {
    return { unresolved: `${name}: its source ${source} is outside the repository, so it is not read and the resources it creates are not checked`, loc }
  }
  const files = await filesOf(dir)
  if (files.length === 0) return { unresolved: `${name}: no Terraform files were found in ${dir} (its source ${source}), so the resources it creates are not checked`, loc }
  return { dir, files }
}

/** `written` relative to `from`, normalised without a trailing slash (`../../` → the folder itself). */
function folderOf(from: string, written: string): string {
  return posix.normalize(posix.join(from, written)).replace(/(.)\/+$/, '$1')
}

async function readModuleFiles(dir: string, reader: RepoReader, read: ReadSyntax): Promise<SyntaxFile[]> {
  const names = (reader.listFiles?.(dir) ?? []).filter((name) => name.endsWith('.tf') || name.endsWith('.tf.json'))
  const files: SyntaxFile[] = []
  for (const name of names) {
    const path = dir === '.' ? name : `${dir}/${name}`
    const text = reader.readText(path)
    const file = text === undefined ? undefined : await read({ path, text })
    if (file) files.push(file)
  }
  return files
}

/** `Key` → module folder (relative to the scan root) from the root module's `.terraform/modules/modules.json`. */
function installedModules(rootDir: string, reader: RepoReader): Map<string, string> {
  const installed = new Map<string, string>()
  const manifest = posix.join(rootDir, '.terraform/modules/modules.json')
  const text = reader.readText(manifest)
  if (text === undefined) return installed
  const parsed = parseJsonValue(text, { file: manifest, line: 1, column: 1 })
  const modules = parsed.value?.kind === 'map' ? field(parsed.value, 'Modules') : undefined
  for (const record of modules?.kind === 'list' ? modules.items : []) {
    const key = stringField(record, 'Key')
    const dir = stringField(record, 'Dir')
    if (key && dir && !posix.isAbsolute(dir)) installed.set(key, folderOf(rootDir, dir))
  }
  return installed
}

function stringField(record: Value, name: string): string | undefined {
  const value = record.kind === 'map' ? field(record, name) : undefined
  return value?.kind === 'string' ? value.value : undefined
}
