import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { locateWasm, WASM_FILES } from '../../src/parse/terraform/index.js'

describe('the WebAssembly files of the HCL parser', () => {
  it('are found from source, in node_modules, under the names the build copies', () => {
    expect(WASM_FILES).toEqual(['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm'])
    for (const name of WASM_FILES) {
      const found = locateWasm(name)
      expect(found.endsWith(`/${name}`)).toBe(true)
      expect(existsSync(found)).toBe(true)
    }
  })
})
