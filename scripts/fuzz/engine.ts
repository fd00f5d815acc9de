import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'
import { parseJsonValue } from '../../src/parse/json.js'
import { parsePlan } from '../../src/parse/plan/index.js'
import { parseTerraformModule } from '../../src/parse/terraform/index.js'
import type { ParsedUnit } from '../../src/parse/types.js'
import { builtinRules } from '../../src/rules/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { sourceText } from '../../src/sources/text.js'

/*
 * Hostile-input fuzzing (`npm run fuzz`; a short slice runs in test/robustness/fuzz.test.ts). fast-check
 * generates inputs and mutates real ones (the rules' examples, the bundled examples) for every
 * parser — HCL and Terraform JSON modules, CloudFormation YAML and JSON, plans, JSON strings — writes
 * whole small repositories for the full scan, and scans generated IAM policies (thousands of statements,
 * patterns tens of thousands of characters long) through every rule, where a rule error also fails. Every input must hold three promises: nothing
 * thrown escapes, every finding and diagnostic has a real line (an integer ≥ 1, end not before start),
 * and it finishes (an input slower than SLOW_MS is a failure too).
 */

/** The repository: above this file, in scripts/fuzz/ or bundled under node_modules/.cache/ by run-ts. */
const REPO = (() => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'examples', 'terraform', 'main.tf')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
})()

/** One input slower than this is reported: the scan must finish, and quickly. */
const SLOW_MS = 30_000

export interface FuzzOptions {
  /** Inputs to run in all (the parsers' and the repositories' together). */
  count: number
  seed?: number
  /** Stop after this many seconds even if fewer inputs ran. */
  seconds?: number
  /** A directory to write every failing input to, whole (the log shows its first 400 characters). */
  saveTo?: string
  /** Only these targets (default: all). */
  only?: string[]
  /** Weight of whole scans of one generated policy, against 6 for each single parser; whole repositories weigh twice it (default 1). */
  scanWeight?: number
  log?: (line: string) => void
}

export interface FuzzReport {
  inputs: number
  byTarget: Record<string, number>
  failures: { target: string; problem: string; input: string }[]
  seed: number
  seconds: number
}

type Target = 'hcl' | 'tf-json' | 'tfvars' | 'yaml-template' | 'json-template' | 'plan' | 'json-string' | 'repository' | 'policy'

/** Texts real users write: every rule's examples and the bundled example files, by kind. */
function seeds(): Record<'terraform' | 'cloudformation' | 'plan', string[]> {
  const terraform: string[] = []
  const cloudformation: string[] = []
  for (const rule of builtinRules) {
    for (const example of [...(rule.examples.terraform?.bad ?? []), ...(rule.examples.terraform?.good ?? [])]) terraform.push(example.code)
    for (const example of [...(rule.examples.cloudformation?.bad ?? []), ...(rule.examples.cloudformation?.good ?? [])]) cloudformation.push(example.code)
  }
  terraform.push(readFileSync(join(REPO, 'examples/terraform/main.tf'), 'utf8'))
  cloudformation.push(readFileSync(join(REPO, 'examples/cloudformation/template.yaml'), 'utf8'))
  return { terraform, cloudformation, plan: [readFileSync(join(REPO, 'examples/plan/plan.json'), 'utf8')] }
}

/** Edits a real text: characters replaced, inserted, deleted, slices repeated, brackets and line breaks of every kind. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom('{', '}', '[', ']', '(', ')', '"', "'", '${', '%{', '<<EOF\n', '\nEOF\n', '\r', '\r\n', '\n', '\uFEFF', '\\', '#', '//', '/*', '*/', ':', '- ', '!Ref ', '!Sub ', '&a ', '*a', '?', '\u0000', '\u2028', '\uD800', ',', '=', '.', '*'),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
  )
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(40), kind: fc.constantFrom('insert', 'delete', 'replace', 'repeat', 'deepen'), piece, times: fc.integer({ min: 2, max: 400 }) })
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let out = text
    for (const e of edits) {
      const at = Math.floor(e.at * out.length)
      const end = Math.min(out.length, at + e.length)
      if (e.kind === 'insert') out = out.slice(0, at) + e.piece + out.slice(at)
      else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(end)
      else if (e.kind === 'replace') out = out.slice(0, at) + e.piece + out.slice(end)
      else if (e.kind === 'repeat') out = out.slice(0, end) + out.slice(at, end).repeat(Math.min(e.times, 50)) + out.slice(end)
      else out = out.slice(0, at) + '['.repeat(e.times) + out.slice(at, end) + ']'.repeat(e.times) + out.slice(end)
    }
    return out
  })
}

/** Line breaks and a byte-order mark, as other editors write them. */
function encoded(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([t, eol, bom]) => (bom ? '\uFEFF' : '') + t.replace(/\r?\n/g, eol))
}

/** A random JSON value, sometimes nested deeper than any limit. */
const jsonText = fc.oneof(
  fc.json({ maxDepth: 6 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 3000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
)

/** A small HCL generator: blocks and attributes with nested expressions. */
const hclExpr: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('"x"', '1', 'true', 'null', 'var.a', 'local.b', 'aws_iam_role.r.arn', '"${var.a}"', '"arn:aws:iam::123456789012:root"', '"*"', '"s3:*"'),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom('Effect', 'Action', 'Resource', 'Principal', 'a', 'b'), tie('expr')), { maxLength: 3 }).map((items) => `{ ${items.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
    fc.tuple(fc.constantFrom('jsonencode', 'jsondecode', 'merge', 'concat', 'lookup', 'try', 'flatten', 'tostring'), fc.array(tie('expr'), { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc.tuple(tie('expr'), fc.constantFrom('+', '==', '&&')).map(([a, op]) => `${a} ${op} ${a}`),
  ),
})).expr

const hclFile = fc
  .array(
    fc.tuple(fc.constantFrom('resource "aws_iam_policy" "p"', 'resource "aws_iam_role" "r"', 'data "aws_iam_policy_document" "d"', 'locals', 'variable "a"', 'module "m"'), fc.array(fc.tuple(fc.constantFrom('policy', 'assume_role_policy', 'name', 'default', 'source', 'b', 'a'), hclExpr), { maxLength: 4 })),
    { maxLength: 4 },
  )
  .map((blocks) => blocks.map(([head, attrs]) => `${head} {\n${attrs.map(([k, v]) => `  ${k} = ${v}`).join('\n')}\n}\n`).join('\n'))

/** An IAM pattern as hostile policies write them: real, wildcarded, misspelt, or tens of thousands of characters long. */
const iamPattern = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('*', 's3:*', 's3:GetObject', 's3:Get*', 'iam:PassRole', 'iam:*', 'sts:AssumeRole', 'S3:getobject', 's3:Get?bject', 'arn:aws:s3:::b/*', 'arn:aws:iam::123456789012:role/*', 'ec2:*Instance*', '${aws:username}') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '*', '?', 'Get*', 's3:'), fc.integer({ min: 500, max: 5000 })).map(([unit, times]) => `s3:${unit.repeat(times)}`) },
)

/** A policy of many statements (up to a few thousand), run through every rule by a whole scan. */
const policyTemplate = fc
  .array(
    fc.record({
      Effect: fc.constantFrom('Allow', 'Deny', 'allow'),
      Action: fc.oneof(iamPattern, fc.array(iamPattern, { maxLength: 4 })),
      Resource: fc.oneof(iamPattern, fc.array(iamPattern, { maxLength: 3 })),
      Condition: fc.option(fc.dictionary(fc.constantFrom('StringEquals', 'StringLike', 'Bool', 'ArnLike'), fc.dictionary(fc.constantFrom('aws:SourceVpc', 'aws:PrincipalOrgID', 'sts:ExternalId'), iamPattern, { maxKeys: 2 }), { maxKeys: 2 }), { nil: undefined }),
    }),
    { maxLength: 40 },
  )
  .chain((statements) => fc.integer({ min: 1, max: 10 }).map((copies) => Array.from({ length: copies }, () => statements).flat()))
  .map((statements) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } } }, R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: statements.slice(0, 3).map((st) => ({ ...st, Principal: { AWS: st.Resource } })) } } } } }, null, 1))

function arbitraries(seed: ReturnType<typeof seeds>): Record<ParserTarget, fc.Arbitrary<string>> {
  const terraform = fc.constantFrom(...seed.terraform)
  const cloudformation = fc.constantFrom(...seed.cloudformation)
  const cfnJson = cloudformation.map((yaml) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { R: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: yaml.length } } } }))
  return {
    hcl: encoded(fc.oneof(mutated(terraform), hclFile, mutated(hclFile), fc.string())),
    'tf-json': encoded(fc.oneof(jsonText.map((j) => `{"resource":{"aws_iam_policy":{"p":{"policy":${j}}}}}`), mutated(jsonText), jsonText)),
    tfvars: encoded(fc.oneof(mutated(fc.constant('a = "x"\nb = ["y"]\n')), hclFile)),
    'yaml-template': encoded(fc.oneof(mutated(cloudformation), cloudformation.map((t) => t + '\n' + '  - '.repeat(3)), fc.string())),
    'json-template': encoded(fc.oneof(mutated(cfnJson), jsonText.map((j) => `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"R":{"Type":"AWS::IAM::Policy","Properties":{"PolicyDocument":${j}}}}}`))),
    plan: encoded(fc.oneof(mutated(fc.constantFrom(...seed.plan)), jsonText.map((j) => `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","type":"aws_iam_policy","values":{"policy":${j}}}]}}}`))),
    'json-string': fc.oneof(jsonText, mutated(jsonText), fc.string()),
  }
}

/** The promises every finding and diagnostic keeps: a real line. */
function badLine(loc: { startLine: number; endLine: number } | undefined): string | undefined {
  if (!loc) return 'no location'
  if (!Number.isInteger(loc.startLine) || loc.startLine < 1) return `line ${loc.startLine}`
  if (!Number.isInteger(loc.endLine) || loc.endLine < loc.startLine) return `end line ${loc.endLine} before ${loc.startLine}`
  return undefined
}

function unitProblems(unit: ParsedUnit | undefined): string[] {
  if (!unit) return []
  return [
    ...unit.diagnostics.flatMap((d) => (badLine(d.loc) ? [`diagnostic ${JSON.stringify(d.message.slice(0, 80))}: ${badLine(d.loc)}`] : [])),
    ...unit.resources.flatMap((r) => (badLine(r.loc) ? [`resource ${r.address}: ${badLine(r.loc)}`] : [])),
  ]
}

function findingProblems(findings: Finding[]): string[] {
  return findings.flatMap((f) => (badLine(f.loc) ? [`${f.ruleId} ${JSON.stringify(f.message.slice(0, 80))}: ${badLine(f.loc)}`] : []))
}

const noReader = { readText: () => undefined }

/** One input to one target: the problems it shows (none when it keeps every promise). */
async function runOne(target: Target, text: string, dir: string): Promise<string[]> {
  const started = performance.now()
  let problems: string[]
  try {
    problems = await exercise(target, text, dir)
  } catch (error) {
    problems = [`threw ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error)}`]
  }
  const ms = performance.now() - started
  if (ms > SLOW_MS) problems.push(`took ${Math.round(ms)} ms`)
  return problems
}

async function exercise(target: Target, raw: string, dir: string): Promise<string[]> {
  // The scan reads files through sourceText; the parsers are given what it gives them. `dir` exists for whole scans.
  const text = sourceText(raw)
  switch (target) {
    case 'hcl':
      return unitProblems(await parseTerraformModule({ dir: '.', files: [{ path: 'main.tf', text }], reader: noReader }))
    case 'tf-json':
      return unitProblems(await parseTerraformModule({ dir: '.', files: [{ path: 'main.tf.json', text }], reader: noReader }))
    case 'tfvars':
      return unitProblems(await parseTerraformModule({ dir: '.', files: [{ path: 'main.tf', text: 'variable "a" {}\nvariable "b" {}\n' }, { path: 'terraform.tfvars', text }], reader: noReader }))
    case 'yaml-template':
    case 'json-template':
      return unitProblems(parseTemplate({ path: 'template.yaml', text }))
    case 'plan':
      return unitProblems(parsePlan({ path: 'plan.json', text }))
    case 'json-string': {
      const parsed = parseJsonValue(text, { file: 'p.tf', line: 3, column: 5 })
      return parsed.error ? (badLine(parsed.error.loc) ? [`JSON error: ${badLine(parsed.error.loc)}`] : []) : []
    }
    case 'repository':
      return findingProblems((await scan({ root: dir, parseWorkers: 0, timeoutMs: SLOW_MS })).findings)
    case 'policy':
      writeFileSync(join(dir, 'policy.json'), raw)
      try {
        const result = await scan({ root: dir, paths: ['policy.json'], parseWorkers: 0, timeoutMs: SLOW_MS })
        const crashed = result.findings.filter((f) => f.ruleId === 'policygate/rule-error' || f.ruleId === 'policygate/timeout').map((f) => `${f.ruleId}: ${f.message.split('\n')[0]}`)
        return [...findingProblems(result.findings), ...crashed]
      } finally {
        rmSync(join(dir, 'policy.json'), { force: true })
      }
  }
}

/** A small repository: a few files of every kind, each generated or mutated. */
function repository(all: ReturnType<typeof arbitraries>): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      tf: fc.array(all.hcl, { maxLength: 3 }),
      tfJson: fc.option(all['tf-json'], { nil: undefined }),
      tfvars: fc.option(all.tfvars, { nil: undefined }),
      yaml: fc.option(all['yaml-template'], { nil: undefined }),
      json: fc.option(all['json-template'], { nil: undefined }),
      plan: fc.option(all.plan, { nil: undefined }),
    })
    .map(({ tf, tfJson, tfvars, yaml, json, plan }) => {
      const files: Record<string, string> = {}
      tf.forEach((text, i) => (files[`infra/m${i % 2}/f${i}.tf`] = text))
      if (tfJson !== undefined) files['infra/m0/extra.tf.json'] = tfJson
      if (tfvars !== undefined) files['infra/m0/terraform.tfvars'] = tfvars
      if (yaml !== undefined) files['cfn/template.yaml'] = yaml
      if (json !== undefined) files['cfn/template.json'] = json
      if (plan !== undefined) files['plan/plan.json'] = plan
      return files
    })
}

type Input = { target: Exclude<Target, 'repository'>; text: string } | { target: 'repository'; files: Record<string, string> }
type ParserTarget = Exclude<Target, 'repository' | 'policy'>

/** Runs `count` inputs (or until `seconds` pass) and reports what broke; every failure is collected, none stops the run. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2_147_483_647
  const log = options.log ?? (() => {})
  const all = arbitraries(seeds())
  const targets = Object.keys(all) as ParserTarget[]
  const choices = [
    ...targets.map((target) => ({ target, weight: 6, arbitrary: all[target].map((text): Input => ({ target, text })) })),
    { target: 'repository', weight: 2 * (options.scanWeight ?? 1), arbitrary: repository(all).map((files): Input => ({ target: 'repository', files })) },
    { target: 'policy', weight: options.scanWeight ?? 1, arbitrary: policyTemplate.map((text): Input => ({ target: 'policy', text })) },
  ].filter((choice) => !options.only || options.only.includes(choice.target))
  const input: fc.Arbitrary<Input> = fc.oneof(...choices)
  const report: FuzzReport = { inputs: 0, byTarget: {}, failures: [], seed, seconds: 0 }
  const started = performance.now()
  const base = mkdtempSync(join(tmpdir(), 'policygate-fuzz-'))
  try {
    await fc.check(
      fc.asyncProperty(input, async (one) => {
        const dir = join(base, String(report.inputs))
        mkdirSync(dir, { recursive: true })
        if (one.target === 'repository') {
          for (const [path, text] of Object.entries(one.files)) {
            mkdirSync(join(dir, dirname(path)), { recursive: true })
            writeFileSync(join(dir, path), text)
          }
        }
        const problems = await runOne(one.target, one.target === 'repository' ? '' : one.text, dir)
        rmSync(dir, { recursive: true, force: true })
        report.inputs++
        report.byTarget[one.target] = (report.byTarget[one.target] ?? 0) + 1
        const shown = JSON.stringify(one.target === 'repository' ? one.files : one.text).slice(0, 400)
        if (problems.length > 0 && options.saveTo) {
          mkdirSync(options.saveTo, { recursive: true })
          writeFileSync(join(options.saveTo, `${report.inputs}-${one.target}.json`), JSON.stringify({ problems, input: one }, null, 1))
        }
        for (const problem of problems) {
          report.failures.push({ target: one.target, problem, input: shown })
          log(`FAIL ${one.target}: ${problem}\n  input: ${shown}`)
        }
        if (report.inputs % 5000 === 0) log(`${report.inputs} inputs, ${report.failures.length} failures, ${Math.round((performance.now() - started) / 1000)} s`)
        return true
      }),
      { numRuns: options.count, seed, ...(options.seconds !== undefined ? { interruptAfterTimeLimit: options.seconds * 1000, markInterruptAsFailure: false } : {}) },
    )
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10
  return report
}
