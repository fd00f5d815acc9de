import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { load } from 'js-yaml'
import { ESCALATION_METHODS } from '../../src/iam/escalation/methods.js'
import { installPackedCheckout } from '../cli/install.js'
import { REPO } from '../helpers/cli.js'
import { bundleCli, tempTree, type CliRun } from './cli-bundle.js'
import { codeBlocks, readDoc, relativeLinks, shellCommands } from './markdown.js'

/*
 * Every command the documentation shows is run, and does what the documentation says. A command
 * added to the docs without an entry in `documented` fails the test until someone decides what it
 * must do; an entry whose command left the docs fails too.
 */

const DOCS = ['README.md', 'docs/rulebook.md', 'docs/migration.md', 'examples/plan/README.md', 'examples/workflows/README.md']

/** The quick start's install command: run here against this checkout (test/cli/install.ts), the registry being out of reach. */
const INSTALL = 'npm install -g github:policygate/policygate'

type Run = (args: string[], cwd?: string) => CliRun

/** policygate's arguments of a documented command, or undefined for another tool's command. */
function policygateArgs(command: string): string[] | undefined {
  const match = /^(?:policygate|node dist\/cli\.js)(?:\s+(.*))?$/.exec(command)
  // A single-quoted word is passed without its quotes, as a shell does.
  return match ? (match[1] ?? '').split(/\s+/).filter(Boolean).map((word) => word.replace(/^'(.*)'$/, '$1')) : undefined
}

/** The number the README states before `label` (`83 built-in rules`). */
function statedCount(text: string, label: string): number {
  const match = new RegExp(`(\\d+) ${label}`).exec(text)
  if (!match) throw new Error(`no "<n> ${label}" in the text`)
  return Number(match[1])
}

/**
 * Runnable variants of a synopsis such as `scan [paths…] [--format text|json] [--output FILE]`:
 * every alternative of every option is used by at least one variant, placeholders filled from `fill`.
 */
function synopsisVariants(args: string[], fill: Record<string, string>): string[][] {
  const text = args.join(' ')
  const [command] = args
  const groups = [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!)
  const options = groups.map((group) => {
    const [name, values = ''] = group.split(/\s+/)
    if (!name!.startsWith('--')) return { name: undefined, values: [fill[name!] ?? missing(name!)] }
    const alternatives = values.split('|').map((v) => (/^[A-Z]+$/.test(v) ? (fill[`${name} ${v}`] ?? missing(`${name} ${v}`)) : v))
    return { name, values: alternatives }
  })
  const count = Math.max(...options.map((o) => o.values.length))
  return Array.from({ length: count }, (_, i) => [command!, ...options.flatMap((o) => (o.name ? [o.name, o.values[Math.min(i, o.values.length - 1)]!] : [o.values[0]!]))])
}

function missing(placeholder: string): never {
  throw new Error(`no value to fill in for '${placeholder}' in a documented synopsis: add one to the test`)
}

const outputFile = join(tmpdir(), `policygate-docs-output-${process.pid}`)

/** What each documented command must do, keyed by the command as the docs write it. */
const documented: Record<string, (run: Run, command: string) => void> = {
  'node dist/cli.js scan examples --fail-on none'(run) {
    const result = run(['scan', 'examples', '--fail-on', 'none'])
    expect(result.code, result.stderr).toBe(0)
    for (const file of ['examples/terraform/main.tf', 'examples/cloudformation/template.yaml', 'examples/plan/plan.json']) expect(result.stdout).toContain(file)
    expect(result.stdout).toMatch(/\d+ finding\(s\) in 3 file\(s\)/)
  },
  'node dist/cli.js scan examples/plan'(run) {
    const result = run(['scan', 'examples/plan'])
    expect(result.code, 'findings at high or above exit 1').toBe(1)
    for (const rule of ['iam/oidc-github-unrestricted', 'iam/passrole-unrestricted', 'apigw/method-no-auth']) expect(result.stdout).toContain(rule)
  },
  'policygate scan [paths…] [--format text|json|sarif|markdown|junit|github] [--output FILE] [--fail-on high] [--rulebook FILE|policygate:strict] [--root DIR]'(run, synopsis) {
    const fill = { 'paths…': 'examples/terraform', '--output FILE': outputFile, '--rulebook FILE': 'policies/strict.yml', '--root DIR': '.' }
    const variants = synopsisVariants(policygateArgs(synopsis)!, fill)
    expect(variants.map((v) => v[v.indexOf('--format') + 1])).toEqual(['text', 'json', 'sarif', 'markdown', 'junit', 'github'])
    for (const args of variants) {
      rmSync(outputFile, { force: true })
      const result = run(args)
      expect([args.join(' '), result.code, result.stderr]).toEqual([args.join(' '), 1, ''])
      expect(result.stdout, '--output writes the report to the file instead').toBe('')
      expect(readFileSync(outputFile, 'utf8')).toContain('iam/trust-public')
    }
    rmSync(outputFile, { force: true })
  },
  'policygate scan .'(run) {
    inTree({ 'main.tf': readFileSync(join(REPO, 'examples/terraform/main.tf'), 'utf8') }, (dir) => {
      const result = run(['scan', '.'], dir)
      // "a finding at high or above exits 1"
      expect(result.code, result.stderr).toBe(1)
      expect(result.stdout).toMatch(/^main\.tf$/m)
      expect(result.stdout).toMatch(/Files: 1 scanned/)
    })
  },
  'policygate scan . -o sarif=policygate.sarif -o junit=policygate.xml'(run, command) {
    inTree({ 'main.tf': PUBLIC_ROLE }, (dir) => {
      const result = run(policygateArgs(command)!, dir)
      expect(result.code).toBe(1)
      expect(result.stdout, 'text on the terminal').toMatch(/\d+ finding\(s\) in 1 file\(s\)/)
      expect(JSON.parse(readFileSync(join(dir, 'policygate.sarif'), 'utf8')).version).toBe('2.1.0')
      expect(readFileSync(join(dir, 'policygate.xml'), 'utf8')).toContain('<testcase name="iam/trust-public" classname="main.tf"')
    })
  },
  "policygate scan . --skip-path 'legacy/**' --skip-check 'iam/*'"(run, command) {
    inTree({ 'main.tf': PUBLIC_ROLE + TRAIL, 'legacy/main.tf': 'resource "broken" {\n' }, (dir) => {
      const all = run(['scan', '.', '--format', 'json', '--fail-on', 'none'], dir)
      const rules = (stdout: string) => (JSON.parse(stdout) as { findings: { ruleId: string; loc: { file: string } }[] }).findings
      expect(rules(all.stdout).some((f) => f.loc.file.startsWith('legacy/'))).toBe(true)
      const left = rules(run([...policygateArgs(command)!, '--format', 'json', '--fail-on', 'none'], dir).stdout)
      expect(left.filter((f) => f.loc.file.startsWith('legacy/') || f.ruleId.startsWith('iam/'))).toEqual([])
      expect(left.some((f) => f.ruleId.startsWith('trail/'))).toBe(true)
    })
  },
  'policygate scan . --write-baseline policygate-baseline.json'(run, command) {
    inTree({ 'main.tf': PUBLIC_ROLE }, (dir) => {
      expect(run(policygateArgs(command)!, dir).code).toBe(1)
      const baseline = JSON.parse(readFileSync(join(dir, 'policygate-baseline.json'), 'utf8')) as { entries: { ruleId: string }[] }
      expect(baseline.entries.map((e) => e.ruleId)).toContain('iam/trust-public')
    })
  },
  'policygate scan . --baseline policygate-baseline.json'(run, command) {
    inTree({ 'main.tf': PUBLIC_ROLE }, (dir) => {
      run(['scan', '.', '--write-baseline', 'policygate-baseline.json'], dir)
      const result = run(policygateArgs(command)!, dir)
      // "from then on report only new ones": nothing new, exit 0.
      expect(result.code, result.stdout).toBe(0)
      expect(result.stdout).toMatch(/Baseline policygate-baseline\.json: [1-9]\d* known finding\(s\) not reported; 0 baseline entries are gone/)
    })
  },
  'policygate scan . --quiet --fail-on critical'(run, command) {
    inTree({ 'main.tf': PUBLIC_ROLE + TRAIL }, (dir) => {
      const result = run(policygateArgs(command)!, dir)
      expect(result.code).toBe(1)
      const severities = [...result.stdout.matchAll(/^ {2}\d+:\d+ +([a-z]+) /gm)].map((m) => m[1])
      expect(severities.length).toBeGreaterThan(0)
      expect(new Set(severities)).toEqual(new Set(['critical']))
      expect(result.stderr).toBe('')
    })
  },
  'policygate scan cdk.out'(run) {
    const template = JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b', EnableLogFileValidation: false } } } }, null, 1)
    inTree({ 'cdk.out/AppStack.template.json': template, 'cdk.out/manifest.json': '{"version":"36.0.0"}', 'cdk.out/asset.abc/template.yaml': 'Resources: {}\n' }, (dir) => {
      const result = run(['scan', 'cdk.out', '--format', 'json', '--fail-on', 'none'], dir)
      const report = JSON.parse(result.stdout) as { files: string[]; findings: { ruleId: string; loc: { file: string } }[] }
      expect(report.files).toEqual(['cdk.out/AppStack.template.json'])
      expect(report.findings.find((f) => f.ruleId === 'trail/log-validation-disabled')?.loc.file).toBe('cdk.out/AppStack.template.json')
    })
  },
  'policygate rules'(run) {
    const result = run(['rules'])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines.length, 'the README states the number of built-in rules').toBe(statedCount(readDoc('README.md'), 'built-in rules'))
    for (const line of lines) expect(line).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+ +(critical|high|medium|low|info) +\S/)
  },
  'policygate explain <rule-id>'(run) {
    const result = run(['explain', 'iam/trust-untrusted-account'])
    expect(result.code).toBe(0)
    // "a rule's page: why, how to fix, params, examples"
    expect(result.stdout.startsWith('# iam/trust-untrusted-account\n')).toBe(true)
    for (const section of ['## Why it matters', '## How to fix', '## Parameters', '## Terraform', '## CloudFormation']) expect(result.stdout).toContain(section)
  },
  'policygate rulebook show'(run) {
    const result = run(['rulebook', 'show'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('# The effective rulebook: policygate:recommended')
  },
  'policygate rulebook test'(run) {
    const result = run(['rulebook', 'test'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('declares no custom rules')
  },
  'policygate init'(run) {
    const repo = tempTree()
    try {
      const result = run(['init'], repo.dir)
      expect(result.code, result.stderr).toBe(0)
      expect(existsSync(join(repo.dir, '.github/policygate.yml'))).toBe(true)
      // init's own advice: check it with `policygate rulebook show`.
      expect(result.stdout).toContain('policygate rulebook show')
      expect(run(['rulebook', 'show'], repo.dir).code).toBe(0)
    } finally {
      repo.cleanup()
    }
  },
  'policygate --version'(run) {
    const result = run(['--version'])
    expect(result.code).toBe(0)
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }
    // "also names the dates of the AWS action catalog and managed policies it judges by"
    expect(result.stdout).toMatch(new RegExp(`^policygate ${version.replaceAll('.', '\\.')}\\nAWS action catalog: .+, data of \\d{4}-\\d{2}-\\d{2}\\nAWS managed policies: .+, data of \\d{4}-\\d{2}-\\d{2}\\n$`))
  },
}

/** A public role (iam/trust-public, critical) and a trail without validation (trail/*, up to high). */
const PUBLIC_ROLE = `resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}
`
const TRAIL = 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = false\n}\n'

function inTree(files: Record<string, string>, body: (dir: string) => void): void {
  const tree = tempTree(files)
  try {
    body(tree.dir)
  } finally {
    tree.cleanup()
  }
}

/** Every command of every shell block of the docs, with where it is written. */
function documentedCommands(): { command: string; where: string }[] {
  return DOCS.flatMap((doc) =>
    codeBlocks(readDoc(doc))
      .filter((block) => block.language === 'sh')
      .flatMap((block) => shellCommands(block).flatMap((line) => line.split(/\s+&&\s+/)).map((command) => ({ command, where: `${doc}:${block.line}` }))),
  )
}

describe('the commands the documentation shows', () => {
  let cli: ReturnType<typeof bundleCli>
  beforeAll(() => {
    cli = bundleCli()
  })
  afterAll(() => cli.cleanup())

  const commands = documentedCommands()
  const ours = commands.filter((c) => policygateArgs(c.command))

  it('are all known to this test, and every command it knows is still documented', () => {
    expect(ours.length).toBeGreaterThan(5)
    expect([...new Set(ours.map((c) => c.command))].sort()).toEqual(Object.keys(documented).sort())
  })

  it("the README's first command exits 0 and reports findings in all three example folders", () => {
    const first = codeBlocks(readDoc('README.md')).find((b) => b.language === 'sh')!
    expect(shellCommands(first)[0]).toBe('node dist/cli.js scan examples --fail-on none')
  })

  for (const { command, where } of ours) {
    it(`${command}  (${where})`, () => {
      const check = documented[command]
      expect(check, `${where}: no expectation for this command`).toBeDefined()
      check!((args, cwd) => cli.run(args, cwd), command)
    })
  }

  it('other commands are npm scripts of package.json, terraform, or the install the next test runs', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    for (const { command, where } of commands.filter((c) => !policygateArgs(c.command) && c.command !== INSTALL)) {
      const words = command.split(/\s+/)
      if (words[0] === 'terraform') continue
      expect(words[0], `${where}: ${command}`).toBe('npm')
      const script = words[1] === 'run' ? words[2] : words[1]
      if (script === 'ci') continue
      expect(scripts[script!], `${where}: npm script '${script}'`).toBeDefined()
    }
  })

  it(`the quick start's install (${INSTALL}): this checkout, packed and installed, gives a working policygate command`, () => {
    expect(commands.map((c) => c.command)).toContain(INSTALL)
    const installed = installPackedCheckout()
    try {
      const version = spawnSync(installed.command, ['--version'], { encoding: 'utf8' })
      expect(version.status, version.stderr).toBe(0)
      expect(version.stdout).toMatch(/^policygate \d+\.\d+\.\d+\n/)
    } finally {
      installed.cleanup()
    }
  }, 180_000)

  it("the quick start's pre-commit configuration names this repository's hook", () => {
    const block = codeBlocks(readDoc('README.md')).find((b) => b.language === 'yaml' && b.body.includes('hooks:'))!
    const config = load(block.body) as { repos: { repo: string; hooks: { id: string }[] }[] }
    const hooks = load(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]
    expect(config.repos[0]!.repo).toBe('https://github.com/policygate/policygate')
    expect(hooks.map((h) => h.id)).toContain(config.repos[0]!.hooks[0]!.id)
  })

  it('init --preset strict|cis-aws (docs/rulebook.md) start from that preset', () => {
    for (const preset of ['strict', 'cis-aws']) {
      const repo = tempTree()
      try {
        const result = cli.run(['init', '--preset', preset], repo.dir)
        expect(result.code, result.stderr).toBe(0)
        expect(readFileSync(join(repo.dir, '.github/policygate.yml'), 'utf8')).toContain(`extends:\n  - policygate:${preset}\n`)
      } finally {
        repo.cleanup()
      }
    }
  })

  it('a usage error exits 2', () => {
    expect(cli.run(['scan', 'examples', '--format', 'xml']).code).toBe(2)
    expect(cli.run(['scan', 'examples', '--fail-on', 'severe']).code).toBe(2)
  })
})

describe('facts the README states', () => {
  const readme = readDoc('README.md')

  it('the rule count matches the generated rule index', () => {
    expect(statedCount(readme, 'built-in rules')).toBe(statedCount(readDoc('docs/rules/README.md'), 'built-in rules'))
  })

  it('the number of escalation methods is the number src/iam knows', () => {
    expect(statedCount(readme, 'documented escalation methods')).toBe(ESCALATION_METHODS.length)
  })

  it('every relative link of the docs leads to a file', () => {
    for (const doc of DOCS) {
      for (const target of relativeLinks(readDoc(doc))) expect(existsSync(join(REPO, dirname(doc), target)), `${doc} links to ${target}`).toBe(true)
    }
  })

  it('every repository path it names in backquotes exists', () => {
    const paths = [...readme.matchAll(/`((?:src|test|docs|policies|examples|dist|scripts)\/[^`\s<>…]*)`/g)].map((m) => m[1]!)
    expect(paths.length).toBeGreaterThan(5)
    for (const path of paths) expect(existsSync(join(REPO, path)), path).toBe(true)
  })
})
