// Runs a TypeScript script of this repository (bench, docs) by bundling it first: no TS loader needed at run time.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [entry, ...args] = process.argv.slice(2)
// Inside node_modules so the bundle's external imports resolve to this repository's packages.
const cache = resolve('node_modules/.cache')
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(join(cache, 'policygate-script-'))
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
