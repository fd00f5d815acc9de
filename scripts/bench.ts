// `npm run bench`: speed of the whole scan against the parsers alone, on real and generated trees,
// the IAM rules on 1,000 wildcard policies, and the cold start of the bundled CLI.
// Ratios compare runs in this same process, so they hold better than absolute times on a shared machine.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { parseEvents } from 'js-yaml'
import { parseTree } from 'jsonc-parser'
import { MIN_BYTES_FOR_WORKERS, moduleSizes, workerCount } from '../src/parse/pool/pool.js'
import { terraformParser } from '../src/parse/terraform/wasm.js'
import { builtinRules } from '../src/rules/index.js'
import { defaultConfiguration } from '../src/rules/run.js'
import type { Finding } from '../src/rules/types.js'
import { scan } from '../src/scan.js'
import { discoverFiles } from '../src/sources/files.js'

const repo = process.cwd()
const realworld = join(repo, '..', 'shared', 'corpus', 'realworld')
const RUNS = 3

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => join(dir, f))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** The parsers alone over the same files: tree-sitter for HCL, js-yaml events for YAML, jsonc-parser for JSON. */
async function parseOnly(root: string): Promise<number> {
  const parser = await terraformParser()
  let parsed = 0
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, 'utf8')
    if (file.endsWith('.tf') || file.endsWith('.tfvars')) {
      parser.parse(text)?.delete()
      parsed++
    } else if (/\.(ya?ml|template)$/.test(file)) {
      try {
        parseEvents(text, { filename: file })
        parsed++
      } catch {
        // Not every YAML file is valid; the scan skips those too.
      }
    } else if (file.endsWith('.json')) {
      parseTree(text)
      parsed++
    }
  }
  return parsed
}

/** ≥1,000 .tf files and ≥200 templates: the real-world modules and templates copied under new directories. */
function generateTree(): string {
  const out = mkdtempSync(join(tmpdir(), 'policygate-bench-'))
  for (let copy = 0; copy < 6; copy++) cpSync(join(realworld, 'terraform'), join(out, `org-${copy}`, 'terraform'), { recursive: true })
  cpSync(join(realworld, 'cloudformation'), join(out, 'org-0', 'cloudformation'), { recursive: true })
  return out
}

/** 1,000 customer policies with wildcard actions over real services, in one Terraform module. */
function generatePolicies(count: number): string {
  const out = mkdtempSync(join(tmpdir(), 'policygate-bench-iam-'))
  const services = ['s3', 'iam', 'ec2', 'lambda', 'dynamodb', 'sqs', 'sns', 'kms', 'sts', 'glue', 'ecs', 'logs', 'ssm', 'secretsmanager', 'cloudformation']
  const verbs = ['Get*', 'Put*', 'List*', 'Delete*', 'Create*', 'Update*', 'Describe*', '*']
  const blocks: string[] = []
  for (let i = 0; i < count; i++) {
    const actions = [0, 1, 2].map((k) => `"${services[(i + k * 7) % services.length]}:${verbs[(i + k) % verbs.length]}"`)
    blocks.push(`resource "aws_iam_policy" "p${i}" {
  name = "p${i}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = [${actions.join(', ')}], Resource = "*" },
      { Effect = "Deny", Action = "${services[i % services.length]}:Delete*", Resource = "*" }
    ]
  })
}`)
  }
  writeFileSync(join(out, 'main.tf'), blocks.join('\n\n'))
  return out
}

/**
 * A root module with `calls` module calls over 10 local modules (every fifth call a for_each over three
 * objects; every third module calls the one before it), as a root module of a real organisation looks.
 */
function generateModuleRepo(calls: number): string {
  const out = mkdtempSync(join(tmpdir(), 'policygate-bench-modules-'))
  for (let m = 0; m < 10; m++) {
    const nested = m % 3 === 0 && m > 0 ? `\nmodule "inner" {\n  source  = "../mod${m - 1}"\n  name    = "\${var.name}-inner"\n  actions = var.actions\n}\n` : ''
    mkdirSync(join(out, 'modules', `mod${m}`), { recursive: true })
    writeFileSync(
      join(out, 'modules', `mod${m}`, 'main.tf'),
      `variable "name" {}
variable "actions" {
  type    = list(string)
  default = ["s3:GetObject"]
}
variable "services" {
  default = ["ec2.amazonaws.com", "lambda.amazonaws.com"]
}
locals {
  prefix = "team-\${var.name}"
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = var.services
    }
  }
}
resource "aws_iam_role" "this" {
  name               = local.prefix
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "aws_iam_role_policy" "this" {
  role = aws_iam_role.this.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:s3:::\${local.prefix}-${m}/*" }]
  })
}
output "arn" {
  value = aws_iam_role.this.arn
}
${nested}`,
    )
  }
  const root: string[] = []
  for (let i = 0; i < calls; i++) {
    const actions = i % 7 === 0 ? '["s3:*"]' : '["s3:GetObject", "s3:PutObject"]'
    if (i % 5 === 0) root.push(`module "m${i}" {\n  source   = "./modules/mod${i % 10}"\n  for_each = { a = { actions = ${actions} }, b = { actions = ["s3:ListBucket"] }, c = { actions = ${actions} } }\n  name     = "m${i}-\${each.key}"\n  actions  = each.value.actions\n}\n`)
    else root.push(`module "m${i}" {\n  source  = "./modules/mod${i % 10}"\n  name    = "m${i}"\n  actions = ${actions}\n}\n`)
  }
  writeFileSync(join(out, 'main.tf'), root.join('\n'))
  return out
}

/** Scan time and peak memory of the bundled CLI on a fresh process (max RSS as the process itself reports it). */
function cliScanWithMemory(cli: string, root: string): { ms: number; maxRssMb: number } {
  const script = `process.argv.splice(1, 0, 'policygate'); process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n')); await import(${JSON.stringify(`file://${cli}`)})`
  const start = performance.now()
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'scan', root, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const ms = performance.now() - start
  const rss = Number(/MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN)
  return { ms, maxRssMb: rss / 1024 }
}

async function benchModules() {
  const cli = join(repo, 'dist', 'cli.js')
  console.log('\nmodule instances: root modules calling 10 local modules (for_each on every fifth call, nested calls)')
  let previous: { calls: number; ms: number } | undefined
  for (const calls of [50, 100]) {
    const root = generateModuleRepo(calls)
    try {
      let resources = 0
      let findings = 0
      const scanTimes: number[] = []
      const parseTimes: number[] = []
      for (let i = 0; i < RUNS; i++) {
        parseTimes.push(await time(() => parseOnly(root)))
        scanTimes.push(
          await time(async () => {
            const result = await scan({ root })
            resources = result.model.iam.roles.length
            findings = result.findings.length
          }),
        )
      }
      const scanMs = median(scanTimes)
      const parseMs = median(parseTimes)
      const cliRun = existsSync(cli) ? cliScanWithMemory(cli, root) : undefined
      console.log(`  ${calls} calls: ${resources} roles (instances and the modules read alone), ${findings} findings`)
      console.log(`    scan ${scanMs.toFixed(0)} ms, parse only ${parseMs.toFixed(0)} ms (${(scanMs / parseMs).toFixed(1)}× the floor); ${(scanMs / calls).toFixed(1)} ms per call`)
      if (cliRun) console.log(`    bundled CLI ${cliRun.ms.toFixed(0)} ms, peak memory ${cliRun.maxRssMb.toFixed(0)} MB (max RSS of that process)`)
      if (previous) console.log(`    ${calls / previous.calls}× the calls took ${(scanMs / previous.ms).toFixed(2)}× the time (linear: ~${calls / previous.calls}×)`)
      previous = { calls, ms: scanMs }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }
}

function count(root: string, test: (f: string) => boolean): number {
  return filesUnder(root).filter(test).length
}

/**
 * The parse worker bundled beside this script, where the build puts it beside dist/cli.js: scans here
 * start workers exactly as the CLI does (run-ts removes this directory afterwards).
 */
async function bundleParseWorker(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url))
  await build({ entryPoints: [join(repo, 'src/parse/pool/worker.ts')], outfile: join(here, 'parse-worker.js'), bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
}

async function benchTree(label: string, root: string) {
  const tf = count(root, (f) => f.endsWith('.tf'))
  const docs = count(root, (f) => /\.(ya?ml|json|template)$/.test(f))
  let findings: Finding[] = []
  let oneThreadFindings: Finding[] = []
  let scanned = 0
  const parsePhase: number[] = []
  const scanTimes: number[] = []
  const oneThreadTimes: number[] = []
  const parseTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    parseTimes.push(await time(() => parseOnly(root)))
    scanTimes.push(
      await time(async () => {
        const result = await scan({ root })
        findings = result.findings
        scanned = result.files.length
        parsePhase.push(result.timings.parseMs)
      }),
    )
    oneThreadTimes.push(await time(async () => void (oneThreadFindings = (await scan({ root, parseWorkers: 0 })).findings)))
  }
  const scanMs = median(scanTimes)
  const oneThreadMs = median(oneThreadTimes)
  const parseMs = median(parseTimes)
  const modules = [...(await discoverFiles(root)).terraformModules].map(([dir, files]) => ({ dir, files }))
  const workers = workerCount(moduleSizes(root, modules))
  console.log(`\n${label}: ${tf} .tf files, ${docs} YAML/JSON files (${scanned} parsed as Terraform/CloudFormation/plan)`)
  console.log(`  scan        ${scanMs.toFixed(0).padStart(6)} ms   ${((scanned / scanMs) * 1000).toFixed(0)} files/s   ${findings.length} findings   (${workers} parse worker${workers === 1 ? '' : 's'} + this thread; parse phase ${median(parsePhase).toFixed(0)} ms)`)
  console.log(`  one thread  ${oneThreadMs.toFixed(0).padStart(6)} ms   ${((scanned / oneThreadMs) * 1000).toFixed(0)} files/s   (parseWorkers: 0; ${(oneThreadMs / scanMs).toFixed(2)}× the default)`)
  console.log(`  parse only  ${parseMs.toFixed(0).padStart(6)} ms   (baseline: the chosen parsers, nothing else, one thread)`)
  console.log(`  ratio       ${(scanMs / parseMs).toFixed(2)}× scan ÷ parse-only (one thread: ${(oneThreadMs / parseMs).toFixed(2)}×)`)
  if (JSON.stringify(findings) !== JSON.stringify(oneThreadFindings)) console.log('  !! findings differ between the default scan and the one-thread scan')
  const parseErrors = findings.filter((f) => f.ruleId === 'policygate/parse-error' || f.ruleId === 'policygate/rule-error')
  if (parseErrors.length > 0) console.log(`  !! ${parseErrors.length} parse/rule errors, first: ${parseErrors[0]!.loc.file}:${parseErrors[0]!.loc.startLine} ${parseErrors[0]!.message}`)
}

async function benchIam(policies: number) {
  const root = generatePolicies(policies)
  const iamRules = builtinRules.filter((r) => r.id.startsWith('iam/'))
  const withRules = { source: 'bench', rules: defaultConfiguration(iamRules), apply: (f: Finding[]) => f }
  const noRules = { source: 'bench', rules: [], apply: (f: Finding[]) => f }
  const full: number[] = []
  const bare: number[] = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(await time(() => scan({ root, rulebook: noRules })))
    full.push(await time(() => scan({ root, rulebook: withRules })))
  }
  const rulesMs = median(full) - median(bare)
  console.log(`\nIAM rules on ${policies} wildcard policies (${iamRules.length} rules, expansion against the AWS catalog)`)
  console.log(`  parse+extract ${median(bare).toFixed(0)} ms, with IAM rules ${median(full).toFixed(0)} ms`)
  console.log(`  IAM rules     ${rulesMs.toFixed(0)} ms = ${((rulesMs / policies) * 1000).toFixed(0)} µs per policy; ratio ${(median(full) / median(bare)).toFixed(2)}× parse+extract`)
  rmSync(root, { recursive: true, force: true })
}

/** What a user waits for: the bundled CLI in a fresh process (cold code, the worker's start included). */
function benchCliTree(root: string) {
  const cli = join(repo, 'dist', 'cli.js')
  if (!existsSync(cli)) return console.log('\nCLI on the generated tree: dist/cli.js missing (npm run build)')
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now()
    spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json', '--fail-on', 'none'], { maxBuffer: 1 << 28 })
    return performance.now() - start
  })
  console.log(`  bundled CLI ${median(times).toFixed(0).padStart(6)} ms   (node dist/cli.js scan, a fresh process each run)`)
}

function benchColdStart() {
  const cli = join(repo, 'dist', 'cli.js')
  if (!existsSync(cli)) return console.log('\ncold start: dist/cli.js missing (npm run build)')
  const one = mkdtempSync(join(tmpdir(), 'policygate-bench-one-'))
  mkdirSync(join(one, 'app'))
  writeFileSync(join(one, 'app', 'main.tf'), 'resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:Put*", Resource = "*" }] })\n}\n')
  const run = (args: string[]) => {
    const start = performance.now()
    spawnSync(process.execPath, args, { cwd: one })
    return performance.now() - start
  }
  const nodeMs = median([0, 1, 2, 3, 4].map(() => run(['-e', '0'])))
  const cliMs = median([0, 1, 2, 3, 4].map(() => run([cli, 'scan', 'app/main.tf', '--format', 'json'])))
  console.log(`\ncold start of \`policygate scan\` on one file (bundled CLI, catalog loaded lazily)`)
  console.log(`  node -e 0   ${nodeMs.toFixed(0)} ms`)
  console.log(`  policygate  ${cliMs.toFixed(0)} ms   (${(cliMs / nodeMs).toFixed(1)}× a bare node start; ${(cliMs - nodeMs).toFixed(0)} ms of our own)`)
  rmSync(one, { recursive: true, force: true })
}

const started = performance.now()
await bundleParseWorker()
// `npm run bench -- modules`: only the module-instance bench.
if (process.argv.includes('modules')) {
  await benchModules()
  console.log(`peak memory of this process (max RSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
  process.exit(0)
}
const first = await time(() => scan({ root: join(realworld, 'terraform', 'terraform-aws-iam') }))
console.log(`policygate bench — node ${process.version}, ${RUNS} runs each, medians; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
console.log(`parse workers start at ${(MIN_BYTES_FOR_WORKERS / 1e6).toFixed(1)} MB of Terraform`)
console.log(`first scan in this process (parser init + catalog load + terraform-aws-iam): ${first.toFixed(0)} ms`)
await benchTree('real-world corpus', realworld)
const generated = generateTree()
try {
  await benchTree(`generated tree (${relative(tmpdir(), generated)})`, generated)
  benchCliTree(generated)
} finally {
  rmSync(generated, { recursive: true, force: true })
}
await benchIam(1000)
await benchModules()
benchColdStart()
console.log(`\npeak memory (max RSS, workers included) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; bench took ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
