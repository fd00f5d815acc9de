import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Node } from 'web-tree-sitter'
import { CstNode, CstSource } from '../../src/parse/terraform/cst.js'
import { terraformParser } from '../../src/parse/terraform/wasm.js'
import { corpusPath } from '../helpers/corpus-dir.js'

const CORPORA = [corpusPath('realworld', 'terraform'), corpusPath('trivy')]

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tfFiles(join(dir, e.name)) : e.name.endsWith('.tf') ? [join(dir, e.name)] : [],
  )
}

interface Mismatch {
  file: string
  at: number
  what: string
}

/** Walks tree-sitter's own nodes beside the CstNodes: children first, so ends are derived from them as the converter does. */
function compare(file: string, raw: Node, cst: CstNode, out: Mismatch[]): void {
  const rawChildren = raw.children
  const cstChildren = cst.children
  if (rawChildren.length !== cstChildren.length) out.push({ file, at: raw.startIndex, what: `${cstChildren.length} children, tree-sitter ${rawChildren.length}` })
  rawChildren.forEach((child, i) => cstChildren[i] && compare(file, child, cstChildren[i], out))
  const seen = { type: cst.type, named: cst.isNamed, start: cst.startIndex, end: cst.endIndex, startRow: cst.startRow, startColumn: cst.startColumn, endPosition: cst.endPosition }
  const expected = { type: raw.type, named: raw.isNamed, start: raw.startIndex, end: raw.endIndex, startRow: raw.startPosition.row, startColumn: raw.startPosition.column, endPosition: raw.endPosition }
  if (JSON.stringify(seen) !== JSON.stringify(expected) || cst.text !== raw.text) out.push({ file, at: raw.startIndex, what: `${JSON.stringify(seen)} ≠ ${JSON.stringify(expected)}` })
}

describe('CstNode: tree-sitter nodes read once', () => {
  it.skipIf(!CORPORA.every((dir) => existsSync(dir)))('agrees with tree-sitter on every node of the real-world and Trivy Terraform files: type, extent, positions, text', async () => {
    const parser = await terraformParser()
    const mismatches: Mismatch[] = []
    let nodes = 0
    for (const path of CORPORA.flatMap(tfFiles)) {
      const text = readFileSync(path, 'utf8')
      const tree = parser.parse(text)!
      try {
        compare(path, tree.rootNode, new CstSource(text, tree).root, mismatches)
        nodes += tree.rootNode.descendantCount
      } finally {
        tree.delete()
      }
    }
    expect(nodes).toBeGreaterThan(150_000)
    expect(mismatches.slice(0, 5)).toEqual([])
    expect(mismatches.length).toBe(0)
  })

  it('counts rows at \\n only and columns in UTF-16 code units, as tree-sitter does', async () => {
    const parser = await terraformParser()
    const text = 'a = "é😀"\r\nb = <<EOT\n  x\nEOT\n# end'
    const tree = parser.parse(text)!
    try {
      const mismatches: Mismatch[] = []
      compare('inline', tree.rootNode, new CstSource(text, tree).root, mismatches)
      expect(mismatches).toEqual([])
    } finally {
      tree.delete()
    }
  })
})
