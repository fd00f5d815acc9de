import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { parse as hcl2json } from '@cdktf/hcl2json'
import { beforeAll, expect, it } from 'vitest'
import type { Parser } from 'web-tree-sitter'
import { evaluate } from '../../src/parse/terraform/evaluate.js'
import { parseHclFile } from '../../src/parse/terraform/hcl-syntax.js'
import { parseTerraformModule } from '../../src/parse/terraform/index.js'
import { declareModule } from '../../src/parse/terraform/module.js'
import type { Body, Expr } from '../../src/parse/terraform/syntax.js'
import { toPlainJson } from '../../src/parse/value.js'
import { terraformParser } from '../../src/parse/terraform/wasm.js'
import { createRepoReader } from '../../src/sources/reader.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'

const CORPUS = corpusPath('realworld', 'terraform')

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tfFiles(join(dir, e.name)) : e.name.endsWith('.tf') ? [join(dir, e.name)] : [],
  )
}

const files = (existsSync(CORPUS) ? tfFiles(CORPUS) : []).map((path) => ({ path: relative(CORPUS, path), text: readFileSync(path, 'utf8') }))

/** Syntax whose value needs no evaluation: what hcl2json prints as a value rather than as `${…}` text. */
function isPlain(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal':
      return true
    case 'unary':
      return expr.operand.kind === 'literal'
    case 'tuple':
      return expr.items.every(isPlain)
    case 'object':
      return expr.items.every((i) => (i.key.kind === 'variable' || i.key.kind === 'literal') && isPlain(i.value))
    default:
      return false
  }
}

/** hcl2json writes `${` and `%{` in literal text back with their escapes. */
function asHcl2json(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')
  if (Array.isArray(value)) return value.map(asHcl2json)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asHcl2json(v)]))
  return value
}

interface Compared { equal: number; differences: string[] }

function compareBody(body: Body, json: Record<string, unknown>, where: string, parser: Parser, result: Compared): void {
  const module = declareModule('.', createRepoReader(CORPUS), parser, [], [])
  for (const attribute of body.attributes) {
    if (!isPlain(attribute.value)) continue
    const mine = asHcl2json(toPlainJson(evaluate(attribute.value, { module })))
    const theirs = json[attribute.name]
    if (isDeepStrictEqual(mine, theirs)) result.equal++
    else result.differences.push(`${where}.${attribute.name}: ${JSON.stringify(mine)} != ${JSON.stringify(theirs)}`)
  }
  const seen = new Map<string, number>()
  for (const block of body.blocks) {
    let node: unknown = json[block.type]
    for (const label of block.labels) node = (node as Record<string, unknown> | undefined)?.[label]
    const key = [block.type, ...block.labels].join('.')
    const index = seen.get(key) ?? 0
    seen.set(key, index + 1)
    const element = (node as Record<string, unknown>[] | undefined)?.[index]
    if (!element) result.differences.push(`${where}.${key}[${index}] missing in hcl2json`)
    else compareBody(block.body, element, `${where}.${key}[${index}]`, parser, result)
  }
}

describeWithCorpus(['realworld', 'terraform'], 'the real-world Terraform corpus', () => {
  let parser: Parser
  beforeAll(async () => {
    parser = await terraformParser()
  })

  it('holds the expected files', () => {
    expect(files.length).toBe(197)
  })

  it('evaluates every plain literal attribute exactly as hcl2json reads it', async () => {
    const result: Compared = { equal: 0, differences: [] }
    for (const file of files) {
      const parsed = parseHclFile(parser, file.path, file.text)
      expect(parsed.problem, file.path).toBeUndefined()
      compareBody(parsed.file!.body, (await hcl2json(file.path, file.text)) as Record<string, unknown>, file.path, parser, result)
    }
    expect(result.differences).toEqual([])
    console.info(`terraform corpus: ${result.equal} plain attribute values equal to hcl2json's`)
    expect(result.equal).toBeGreaterThan(1000)
  }, 60_000)

  it('parses and evaluates every module directory without a parse error', async () => {
    const byDir = new Map<string, typeof files>()
    for (const file of files) {
      const dir = file.path.slice(0, file.path.lastIndexOf('/'))
      byDir.set(dir, [...(byDir.get(dir) ?? []), file])
    }
    const reader = createRepoReader(CORPUS)
    const started = performance.now()
    let resources = 0
    for (const [dir, moduleFiles] of byDir) {
      const unit = await parseTerraformModule({ dir, files: moduleFiles, reader })
      // Module calls the corpus cannot resolve (registry sources, no `terraform init`) are unresolved, not errors.
      expect(unit.diagnostics.filter((d) => d.kind === 'parse-error'), dir).toEqual([])
      resources += unit.resources.length
    }
    const elapsed = performance.now() - started
    console.info(`terraform corpus: ${files.length} files, ${byDir.size} modules, ${resources} blocks parsed and evaluated in ${elapsed.toFixed(0)} ms`)
    // Blocks whose count or for_each is known to be empty are left out (about 30 in these modules).
    expect(resources).toBeGreaterThan(250)
  }, 60_000)
})
