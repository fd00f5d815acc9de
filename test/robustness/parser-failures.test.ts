import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { Parser } from 'web-tree-sitter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_MAX_FILE_BYTES } from '../../src/parse/files.js'
import { parseModules } from '../../src/parse/pool/pool.js'
import type { ParsedUnit } from '../../src/parse/types.js'
import { createRepoReader } from '../../src/sources/reader.js'
import { REPO } from '../helpers/cli.js'

/*
 * A parser failure costs only the file that caused it. Before, a WebAssembly abort left the
 * worker's parser broken and the next module parsed on it was reported as a parse error too.
 * The failures are those of a real parser (fixtures/failing-parse-worker.ts): an abort on one file,
 * a worker dying while it parses one.
 */

let dir: string
let failingEntry: string
let entry: string
let root: string

beforeAll(async () => {
  mkdirSync(join(REPO, 'node_modules/.cache'), { recursive: true })
  dir = mkdtempSync(join(REPO, 'node_modules/.cache/policygate-failures-test-'))
  failingEntry = join(dir, 'failing-worker.js')
  entry = join(dir, 'parse-worker.js')
  const options = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' } as const
  await build({ ...options, entryPoints: [join(REPO, 'test/robustness/fixtures/failing-parse-worker.ts')], outfile: failingEntry })
  await build({ ...options, entryPoints: [join(REPO, 'src/parse/pool/worker.ts')], outfile: entry })
  root = mkdtempSync(join(tmpdir(), 'policygate-failures-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(root, { recursive: true, force: true })
})

const admin = (name: string) => `resource "aws_iam_policy" "${name}" {
  name   = "${name}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

/** Module `one` holds the failing file and a good one; module `two` comes after it on the same worker. */
function write(marker: string): { dir: string; files: string[] }[] {
  const files: Record<string, string> = {
    [`${marker}/one/bad.tf`]: `# ${marker}\n${admin('bad')}${'# padding: the largest file of its module\n'.repeat(20)}`,
    [`${marker}/one/good.tf`]: admin('good'),
    [`${marker}/two/main.tf`]: admin('two'),
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return [
    { dir: `${marker}/one`, files: [`${marker}/one/bad.tf`, `${marker}/one/good.tf`] },
    { dir: `${marker}/two`, files: [`${marker}/two/main.tf`] },
  ]
}

function expectOnlyTheFailingFileLost(units: (ParsedUnit | undefined)[], marker: string): void {
  expect(units.map((u) => u?.resources.map((r) => r.address))).toEqual([['aws_iam_policy.good'], ['aws_iam_policy.two']])
  expect(units.map((u) => u?.diagnostics.map((d) => `${d.loc.file}:${d.loc.startLine} ${d.message}`))).toEqual([
    [`${marker}/one/bad.tf:1 not parsed: the HCL parser failed on this file (out of memory or aborted); the other files of its module were parsed without it`],
    [],
  ])
}

describe('a parser that fails on one file', () => {
  it('aborting in a worker: the worker is replaced, the rest of the module and the next module are parsed again', async () => {
    const modules = write('POLICYGATE_TEST_ABORT')
    const units = await parseModules(root, modules, createRepoReader(root), { workers: 1, entry: failingEntry, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    expectOnlyTheFailingFileLost(units, 'POLICYGATE_TEST_ABORT')
  }, 60_000)

  it('killing its worker (out of memory): the module is parsed again without its largest file, the next module too', async () => {
    const modules = write('POLICYGATE_TEST_CRASH')
    const units = await parseModules(root, modules, createRepoReader(root), { workers: 1, entry: failingEntry, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    expectOnlyTheFailingFileLost(units, 'POLICYGATE_TEST_CRASH')
  }, 60_000)

  it('a deadline already passed leaves every module undone', async () => {
    const modules = write('deadline')
    const units = await parseModules(root, modules, createRepoReader(root), { workers: 1, entry, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES, deadline: performance.now() - 1 })
    expect(units).toEqual([undefined, undefined])
  }, 60_000)
  it('aborting in the scanning thread: a fresh worker parses what is left', async () => {
    // The last test of this file: this thread's parser stays unusable once it has aborted.
    const parse = Parser.prototype.parse
    Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
      if (typeof args[0] === 'string' && args[0].includes('POLICYGATE_TEST_ABORT')) throw new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.')
      return parse.apply(this, args)
    }
    try {
      const modules = write('POLICYGATE_TEST_ABORT')
      const units = await parseModules(root, modules, createRepoReader(root), { workers: 0, entry, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES })
      expectOnlyTheFailingFileLost(units, 'POLICYGATE_TEST_ABORT')
    } finally {
      Parser.prototype.parse = parse
    }
  }, 60_000)

})
