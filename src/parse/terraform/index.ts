import type { RepoReader } from '../../sources/reader.js'
import type { ParsedUnit } from '../types.js'

export interface TerraformModuleInput {
  /** Module directory, relative to the scan root (POSIX). */
  dir: string
  /** Its .tf / .tf.json / auto-loaded .tfvars files, relative to the scan root, with their text. */
  files: { path: string; text: string }[]
  /** For file() and templatefile(): confined to the repository. */
  reader: RepoReader
}

/** Parses and evaluates one Terraform module directory. Implemented by the Terraform parser work. */
export async function parseTerraformModule(input: TerraformModuleInput): Promise<ParsedUnit> {
  return { framework: 'terraform', files: input.files.map((f) => f.path), resources: [], inputs: [], literals: [], diagnostics: [] }
}
