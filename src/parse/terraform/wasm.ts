import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser } from 'web-tree-sitter'

/** The two WebAssembly files the HCL parser needs; the build copies them next to dist/*.js under these names. */
export const WASM_FILES = ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm'] as const
export type WasmFile = (typeof WASM_FILES)[number]

const PACKAGE_PATHS: Record<WasmFile, string> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-terraform.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
}

/** Beside the running bundle first (dist/, or dist/ above the split chunk in dist/chunks/), else from node_modules (running from source). */
export function locateWasm(name: WasmFile): string {
  for (const relative of [`./${name}`, `../${name}`]) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(candidate)) return candidate
  }
  return createRequire(import.meta.url).resolve(PACKAGE_PATHS[name])
}

let parser: Promise<Parser> | undefined
/** The file the WebAssembly parser aborted on: once it has, this thread's parser is unusable (its module is loaded once per thread). */
let abortedOn: string | undefined

/** Thrown by every parse after the parser aborted: the pool then parses the rest in a fresh worker. */
export class ParserAborted extends Error {
  constructor(readonly file: string) {
    super(`the HCL parser aborted on ${file}`)
  }
}

/** True for the error a WebAssembly module throws when it aborts (out of its memory, a failed assertion). */
export function isWasmAbort(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || (error instanceof Error && /^Aborted\(/.test(error.message))
}

/** Records that the parser aborted on `file`. */
export function markParserAborted(file: string): void {
  abortedOn ??= file
}

/** The file this thread's parser aborted on, if it has. */
export function parserAbortedOn(): string | undefined {
  return abortedOn
}

/** The Terraform-dialect HCL parser, initialised once on first use. */
export function terraformParser(): Promise<Parser> {
  if (abortedOn !== undefined) return Promise.reject(new ParserAborted(abortedOn))
  parser ??= createParser().catch((error: unknown) => {
    parser = undefined
    throw error
  })
  return parser
}

async function createParser(): Promise<Parser> {
  await Parser.init({ locateFile: () => locateWasm('web-tree-sitter.wasm') })
  const language = await Language.load(new Uint8Array(await readFile(locateWasm('tree-sitter-terraform.wasm'))))
  return new Parser().setLanguage(language)
}
