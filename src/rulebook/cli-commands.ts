import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createRepoReader } from '../sources/reader.js'
import { exampleFailureDetail } from './custom/example-report.js'
import { formatRulebookError } from './document.js'
import { runRuleExamples, type ExampleOutcome } from './examples.js'
import { DEFAULT_RULEBOOK_PATH } from './format.js'
import { loadRulebook } from './load.js'
import { PRESETS } from './locations.js'
import { SCHEMA_ID } from './schema.js'
import { showRulebook } from './show.js'
import type { RemoteRef } from './locations.js'
import type { LoadedRulebook } from './types.js'

/*
 * The rulebook's command-line surface: `scan --rulebook`, `rulebook show`, `rulebook test`, `init`.
 * cli.ts dispatches here. Locally a rulebook and everything it extends are files of the repository
 * (or presets); central `owner/repo/path@ref` rulebooks are read through the GitHub API with
 * GITHUB_TOKEN, by the same reader as the Action's.
 */

export const RULEBOOK_USAGE = `  policygate rulebook show [--rulebook FILE] [--root DIR]
                                       print the effective rulebook (presets and extends merged)
  policygate rulebook test [--rulebook FILE] [--root DIR]
                                       run the good/bad examples of the rulebook's custom rules
  policygate init [--preset recommended|strict|cis-aws] [--root DIR] [--force]
                                       write a starter ${DEFAULT_RULEBOOK_PATH}`

/** `--rulebook` as typed (relative to the working directory) → relative to the repository root; presets and central references pass through. */
function rulebookReference(root: string, option: string | undefined): string | undefined | { error: string } {
  if (option === undefined || option.startsWith('policygate:') || /^[^/]+\/[^/]+\/[^@]+@[^@]+$/.test(option)) return option
  const path = relative(root, resolve(option))
  if (path.startsWith('..') || isAbsolute(path)) return { error: `--rulebook ${option} must be inside the repository root ${root} (see --root)` }
  return path.split('\\').join('/')
}

/** The rulebook for a scan of `root`, or the errors to print before exiting 2. */
export async function loadCliRulebook(root: string, option: string | undefined, fetchRemote?: (ref: RemoteRef) => Promise<string | undefined>): Promise<{ ok: true; rulebook: LoadedRulebook } | { ok: false; errors: string[] }> {
  const reference = rulebookReference(root, option)
  if (typeof reference === 'object') return { ok: false, errors: [reference.error] }
  const reader = createRepoReader(root)
  const result = await loadRulebook({ rulebook: reference, readFile: async (path) => reader.readText(path), fetchRemote })
  return result.ok ? result : { ok: false, errors: result.errors.map(formatRulebookError) }
}

export function printRulebookErrors(errors: string[]): void {
  process.stderr.write(`policygate: the rulebook is not valid (nothing was scanned):\n${errors.map((e) => `  ${e}`).join('\n')}\n`)
}

/** `fetchRemote` reads central rulebooks (the CLI passes src/cli/central-rulebook.ts). */
export async function rulebookCommand(args: string[], fetchRemote?: (ref: RemoteRef) => Promise<string | undefined>): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'show' && sub !== 'test') {
    process.stderr.write(`policygate: rulebook takes show or test\n\nUsage:\n${RULEBOOK_USAGE}\n`)
    return 2
  }
  const { values } = parseArgs({ args: rest, options: { rulebook: { type: 'string' }, root: { type: 'string' } } })
  const root = resolve(values.root ?? '.')
  const loaded = await loadCliRulebook(root, values.rulebook, fetchRemote)
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors)
    return 2
  }
  if (sub === 'show') {
    process.stdout.write(showRulebook(loaded.rulebook.effective, loaded.rulebook.source))
    return 0
  }
  return testCustomRules(loaded.rulebook)
}

async function testCustomRules(rulebook: LoadedRulebook): Promise<number> {
  const custom = rulebook.effective.rules.filter((r) => r.declaredIn !== undefined)
  if (custom.length === 0) {
    process.stdout.write(`${rulebook.source} declares no custom rules: nothing to test\n`)
    return 0
  }
  let failed = 0
  let passed = 0
  for (const { rule, declaredIn } of custom) {
    const outcomes = await runRuleExamples(rulebook.effective, rule, new Date())
    const count = (kind: 'bad' | 'good') => outcomes.filter((o) => o.kind === kind).length
    if (count('bad') === 0 || count('good') === 0) {
      failed++
      process.stdout.write(`✗ ${rule.id}: needs at least one bad and one good example (${declaredIn} gives ${count('bad')} bad, ${count('good')} good)\n`)
    }
    for (const outcome of outcomes) {
      if (outcome.passed) passed++
      else failed++
      process.stdout.write(`${outcome.passed ? '✓' : '✗'} ${describeOutcome(outcome)}\n`)
      if (outcome.passed) continue
      const example = rule.examples[outcome.framework]![outcome.kind][outcome.index - 1]!
      for (const line of exampleFailureDetail(outcome, example)) process.stdout.write(`    ${line}\n`)
    }
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  return failed > 0 ? 1 : 0
}

function describeOutcome(o: ExampleOutcome): string {
  const name = `${o.ruleId} ${o.framework} ${o.kind} #${o.index}`
  const reported = o.reported.length > 0 ? `line ${o.reported.join(', ')}` : 'no line'
  if (o.parseErrors.length > 0) return `${name}: the example does not parse (${o.parseErrors.join('; ')})`
  if (o.passed) return o.kind === 'bad' ? `${name} (reported at line ${o.reported.join(', ')})` : name
  if (o.kind === 'good') return `${name}: reported at line ${o.reported.join(', ')}, expected silence`
  if (o.expected.length === 0) return `${name}: a bad example must list the lines to report (lines: [...]); reported at ${reported}`
  return `${name}: reported at ${reported}, expected line ${o.expected.join(', ')}`
}

export function initCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { preset: { type: 'string', default: 'recommended' }, root: { type: 'string' }, force: { type: 'boolean', default: false } } })
  const preset = values.preset!
  if (!(PRESETS as readonly string[]).includes(preset)) {
    process.stderr.write(`policygate: --preset takes one of ${PRESETS.join(', ')}\n`)
    return 2
  }
  const target = join(resolve(values.root ?? '.'), DEFAULT_RULEBOOK_PATH)
  if (existsSync(target) && !values.force) {
    process.stderr.write(`policygate: ${target} exists; use --force to overwrite it\n`)
    return 2
  }
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, starterRulebook(preset))
  process.stdout.write(`wrote ${target}\nCheck it with: policygate rulebook show\n`)
  return 0
}

function starterRulebook(preset: string): string {
  return `# yaml-language-server: $schema=${SCHEMA_ID}
#
# The policygate rulebook of this repository. In pull requests it is read from the base branch:
# a change to this file takes effect after merge (route it to your security owners with CODEOWNERS).
# Reference: https://github.com/policygate/policygate/blob/main/docs/rulebook.md

extends:
  - policygate:${preset}

# Params shared by every rule that declares them.
params:
  # Your organization's accounts; iam/trust-untrusted-account stays quiet while this is empty.
  trusted_accounts: []

# Turn rules or whole areas on or off, change severities, set params, scope to paths:
rules: {}
#  apigw/stage-no-tracing: off
#  iam/not-resource-allow: high
#  iam/critical-action-granted:
#    params:
#      critical_actions: [iam:CreateUser, organizations:LeaveOrganization]
#    paths:
#      exclude: ["sandbox/**"]

# Exceptions, each with a reason, an owner and an expiry date:
waivers: []
#  - rule: iam/full-admin
#    resource: aws_iam_role.break_glass
#    reason: Break-glass role, approved in SEC-142
#    owner: security@example.com
#    expires: "2027-06-30"
`
}
