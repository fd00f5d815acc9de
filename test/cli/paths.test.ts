import { readFileSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { TRAIL_WITHOUT_VALIDATION, tempRepo } from './temp-repo.js'

const BROKEN = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = {\n}\n'

/** Scans `files` as a repository (its own root) and returns the files the JSON report names. */
function scanTree(files: Record<string, string>, args: string[] = []) {
  const dir = tempRepo(files)
  try {
    const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { files: string[]; findings: { ruleId: string; loc: { file: string } }[]; summary: { skippedPaths: number; unrecognisedFiles: number } }
    return { ...report, reported: [...new Set(report.findings.map((f) => f.loc.file))].sort() }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('ignore files and path filters (bundled CLI)', () => {
  it('honours .gitignore by default, nested ones and negations included; --no-gitignore scans everything', () => {
    const tree = {
      '.gitignore': 'generated/\n*.bak.tf\n',
      'main.tf': TRAIL_WITHOUT_VALIDATION,
      'generated/main.tf': BROKEN,
      'old.bak.tf': BROKEN,
      'modules/a/.gitignore': '*.tf\n!keep.tf\n',
      'modules/a/drop.tf': BROKEN,
      'modules/a/keep.tf': TRAIL_WITHOUT_VALIDATION,
    }
    const scanned = scanTree(tree)
    expect(scanned.files.sort()).toEqual(['main.tf', 'modules/a/keep.tf'])
    // Skipped paths are never parsed: their parse errors are not reported.
    expect(scanned.findings.filter((f) => f.ruleId === 'policygate/parse-error')).toEqual([])
    expect(scanned.summary.skippedPaths).toBe(3)
    expect(scanTree(tree, ['--no-gitignore']).files.sort()).toEqual(['generated/main.tf', 'main.tf', 'modules/a/drop.tf', 'modules/a/keep.tf', 'old.bak.tf'])
  })

  it('reads .policygateignore in the same syntax, and --skip-path globs (repeatable)', () => {
    const tree = { '.policygateignore': 'legacy/*\n!legacy/keep/\n', 'legacy/old/main.tf': BROKEN, 'legacy/keep/main.tf': TRAIL_WITHOUT_VALIDATION, 'sandbox/main.tf': BROKEN, 'test/fixtures/x.tf': BROKEN, 'app/main.tf': TRAIL_WITHOUT_VALIDATION }
    expect(scanTree(tree, ['--skip-path', 'sandbox/**', '--skip-path', '**/fixtures']).files.sort()).toEqual(['app/main.tf', 'legacy/keep/main.tf'])
  })

  it('paths the rulebook excludes from every rule are not parsed, so their parse errors are not reported either', () => {
    const rulebook = 'extends: policygate:recommended\nrules:\n  "*":\n    paths:\n      exclude: ["vendor/**"]\n'
    const scanned = scanTree({ '.github/policygate.yml': rulebook, 'vendor/broken.tf': BROKEN, 'main.tf': BROKEN })
    expect(scanned.files).toEqual(['main.tf'])
    expect(scanned.reported).toEqual(['main.tf'])
  })

  it('a directory scan reads cdk.out/*.template.json (not assets or manifests), even when .gitignore lists cdk.out', () => {
    const template = readFileSync('examples/cloudformation/template.yaml', 'utf8')
    const json = JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b', EnableLogFileValidation: false } } } }, null, 1)
    const scanned = scanTree({
      '.gitignore': 'cdk.out\nnode_modules\n',
      'cdk.out/AppStack.template.json': json,
      'cdk.out/manifest.json': '{"version":"36.0.0","artifacts":{}}',
      'cdk.out/tree.json': '{"version":"tree-0.1"}',
      'cdk.out/asset.1234abcd/template.yaml': template,
      'cdk.out/assembly-Prod/ProdStack.template.json': json,
    })
    expect(scanned.files.sort()).toEqual(['cdk.out/AppStack.template.json', 'cdk.out/assembly-Prod/ProdStack.template.json'])
    const validation = scanned.findings.filter((f) => f.ruleId === 'trail/log-validation-disabled').map((f) => `${f.loc.file}`)
    expect(validation.sort()).toEqual(['cdk.out/AppStack.template.json', 'cdk.out/assembly-Prod/ProdStack.template.json'])
  })
})
