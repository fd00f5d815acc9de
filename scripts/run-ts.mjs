// Runs a TypeScript script of this repository (bench, docs) by bundling it first: no TS loader needed at run time.
import { build } from 'esbuild'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [entry, ...args] = process.argv.slice(2)
const dir = mkdtempSync(join(tmpdir(), 'policygate-script-'))
try {
  const outfile = join(dir, 'script.mjs')
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  })
  process.argv = [process.argv[0], resolve(entry), ...args]
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
