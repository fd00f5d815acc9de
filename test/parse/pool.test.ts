import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIN_BYTES_FOR_WORKERS, parseModules, workerCount } from '../../src/parse/pool/pool.js'
import type { ModuleTask } from '../../src/parse/pool/module-task.js'
import { DEFAULT_MAX_FILE_BYTES } from '../../src/parse/files.js'
import { scan } from '../../src/scan.js'
import { discoverFiles } from '../../src/sources/files.js'
import { createRepoReader } from '../../src/sources/reader.js'
import { REPO, runCli } from '../helpers/cli.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'

const REALWORLD = corpusPath('realworld')

async function modulesOf(root: string): Promise<ModuleTask[]> {
  return [...(await discoverFiles(root)).terraformModules].map(([dir, files]) => ({ dir, files }))
}

describe('workerCount', () => {
  it('keeps small scans in this thread, takes a requested count, and never more workers than modules beside this thread', () => {
    expect(workerCount([MIN_BYTES_FOR_WORKERS / 2, 1000])).toBe(0)
    expect(workerCount([MIN_BYTES_FOR_WORKERS, 1000], 3)).toBe(1)
    expect(workerCount([10, 10, 10], 2)).toBe(2)
    expect(workerCount([10], 4)).toBe(0)
    expect(workerCount([MIN_BYTES_FOR_WORKERS, 1, 1], 0)).toBe(0)
  })
})

describeWithCorpus(['realworld'], 'parse workers', () => {
  // The worker entry bundled as the build bundles it; inside node_modules so its package imports resolve.
  let dir: string
  let entry: string
  beforeAll(async () => {
    mkdirSync(join(REPO, 'node_modules/.cache'), { recursive: true })
    dir = mkdtempSync(join(REPO, 'node_modules/.cache/policygate-pool-test-'))
    entry = join(dir, 'parse-worker.js')
    await build({ entryPoints: [join(REPO, 'src/parse/pool/worker.ts')], outfile: entry, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('give the units parsing in this thread gives, in the same order, with templates parsed meanwhile', async () => {
    const modules = await modulesOf(REALWORLD)
    const reader = createRepoReader(REALWORLD)
    let meanwhile = 0
    const jobs = [() => void meanwhile++, () => void meanwhile++]
    const here = await parseModules(REALWORLD, modules, reader, { workers: 0, entry, meanwhile: jobs, maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    const pooled = await parseModules(REALWORLD, modules, reader, { workers: 2, entry, meanwhile: jobs, maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    expect(meanwhile).toBe(4)
    expect(modules.length).toBeGreaterThan(20)
    expect(pooled.map((u) => u?.files[0])).toEqual(modules.map((m) => m.files[0]))
    expect(isDeepStrictEqual(pooled, here)).toBe(true)
  }, 60_000)

  it('a worker that cannot start hands its modules back: the scan still parses every module', async () => {
    const broken = join(dir, 'broken-worker.js')
    writeFileSync(broken, "throw new Error('no parser here')\n")
    const modules = (await modulesOf(REALWORLD)).slice(0, 6)
    const reader = createRepoReader(REALWORLD)
    const here = await parseModules(REALWORLD, modules, reader, { workers: 0, entry, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    const pooled = await parseModules(REALWORLD, modules, reader, { workers: 2, entry: broken, meanwhile: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES })
    expect(isDeepStrictEqual(pooled, here)).toBe(true)
  }, 60_000)
})

describeWithCorpus(['realworld'], 'the bundled CLI on a tree large enough for workers', () => {
  it('reports exactly what the one-thread scan finds', async () => {
    expect(existsSync(join(REPO, 'dist', 'parse-worker.js')), 'run `npm run build`').toBe(true)
    const root = mkdtempSync(join(tmpdir(), 'policygate-pool-'))
    try {
      for (const copy of ['a', 'b']) cpSync(join(REALWORLD, 'terraform'), join(root, copy), { recursive: true })
      cpSync(join(REALWORLD, 'cloudformation', 'Lambda'), join(root, 'cfn'), { recursive: true })
      expect((await modulesOf(root)).length).toBeGreaterThan(50)
      const cli = runCli(['scan', root, '--format', 'json', '--fail-on', 'none'])
      expect(cli.code, cli.stderr).toBe(0)
      const oneThread = await scan({ root, parseWorkers: 0 })
      const reported = JSON.parse(cli.stdout) as { findings: { ruleId: string; loc: { file: string; startLine: number } }[] }
      const key = (f: { ruleId: string; loc: { file: string; startLine: number } }) => `${f.loc.file}:${f.loc.startLine} ${f.ruleId}`
      expect(reported.findings.map(key)).toEqual(oneThread.findings.map(key))
      expect(reported.findings.length).toBeGreaterThan(10)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }, 120_000)
})
