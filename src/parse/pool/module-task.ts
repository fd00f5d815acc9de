import type { RepoReader } from '../../sources/reader.js'
import { fileFailure, readScannedFile } from '../files.js'
import { ParserAborted, parseTerraformModule } from '../terraform/index.js'
import type { GivenInputs } from '../given-inputs.js'
import type { Diagnostic, ParsedUnit } from '../types.js'

/** One Terraform module of a scan: its directory and files, relative to the scan root. */
export interface ModuleTask {
  dir: string
  files: string[]
  /** `-var-file` / `-var` values given for the run. */
  given?: Pick<GivenInputs, 'varFiles' | 'vars'>
  /** Files the HCL parser aborted on in an earlier attempt: reported, not parsed again. */
  aborted?: string[]
}

/**
 * Reads a module's files and parses them: the same code runs in the scanning thread and in parse
 * workers. A file too large or unreadable is skipped with its diagnostic, and a failure of the
 * module's evaluation becomes a parse error of its first file. It throws only ParserAborted: this
 * thread's parser is then unusable, and the pool parses the module again elsewhere without that file.
 */
export async function parseModuleTask(root: string, task: ModuleTask, reader: RepoReader, maxFileBytes: number): Promise<ParsedUnit> {
  // Synchronous reads: thousands of small files read faster in a loop than through the promise pool.
  const files: { path: string; text: string }[] = []
  const skipped: Diagnostic[] = []
  for (const path of task.files) {
    if (task.aborted?.includes(path)) {
      skipped.push(abortDiagnostic(path))
      continue
    }
    const read = readScannedFile(root, path, maxFileBytes)
    if ('text' in read) files.push({ path, text: read.text })
    else skipped.push(read.diagnostic)
  }
  let unit: ParsedUnit
  try {
    unit = await parseTerraformModule({ dir: task.dir, files, reader, ...(task.given ? { given: task.given } : {}) })
  } catch (error) {
    if (error instanceof ParserAborted) throw error
    unit = { framework: 'terraform', files: [], resources: [], inputs: [], literals: [], diagnostics: [fileFailure(task.files[0] ?? task.dir, 'the module could not be read', error)] }
  }
  return { ...unit, files: task.files, diagnostics: [...skipped, ...unit.diagnostics] }
}

/** A file that made the parser fail (a WebAssembly abort, a worker out of memory) is reported at its first line. */
function abortDiagnostic(path: string): Diagnostic {
  return { kind: 'parse-error', message: 'not parsed: the HCL parser failed on this file (out of memory or aborted); the other files of its module were parsed without it', loc: { file: path, startLine: 1, endLine: 1 } }
}
