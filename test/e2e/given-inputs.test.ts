import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'policygate-given-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

type Reported = { findings: { ruleId: string; loc: { file: string; startLine: number } }[] }
const scanJson = (root: string, args: string[]) => {
  const run = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: root })
  expect(run.code, run.stderr).toBe(0)
  // A finding folded into a stronger one on the same element (its `subsumed` rules) is still said there.
  return (JSON.parse(run.stdout) as Reported).findings.flatMap((f) => [f.ruleId, ...((f as { subsumed?: string[] }).subsumed ?? [])].map((id) => `${id} ${f.loc.file}:${f.loc.startLine}`))
}

const TERRAFORM = {
  'main.tf': [
    'variable "managed" {}', //                                    1
    'variable "actions" {', //                                     2
    '  type    = list(string)', //                                 3
    '  default = ["s3:GetObject"]', //                             4
    '}', //                                                        5
    'resource "aws_iam_role_policy_attachment" "a" {', //          6
    '  role       = aws_iam_role.app.name', //                     7
    '  policy_arn = var.managed', //                               8
    '}', //                                                        9
    'resource "aws_iam_policy" "p" {', //                          10
    '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })', // 11
    '}', //                                                        12
    'resource "aws_iam_role" "app" {', //                          13
    '  name               = "app"', //                             14
    '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })', // 15
    '}', //                                                        16
  ].join('\n'),
  'envs/prod.tfvars': 'managed = "arn:aws:iam::aws:policy/AdministratorAccess"\nactions = ["iam:*"]\n',
}

describe('values given for the run', () => {
  it('--var-file and --var, as terraform plan takes them: a var file\'s value is reported at its line, --var last', () => {
    const root = repository(TERRAFORM)
    const withFile = scanJson(root, ['--var-file', 'envs/prod.tfvars'])
    expect(withFile).toContain('iam/admin-managed-policy-attached envs/prod.tfvars:1')
    expect(withFile).toContain('iam/service-wildcard-action envs/prod.tfvars:2')
    // Without them the managed policy is unknown: no admin finding.
    expect(scanJson(root, []).filter((f) => f.startsWith('iam/admin-managed'))).toEqual([])
    // -var wins over the file; a list-typed variable takes an HCL expression, placed at its declaration.
    const both = scanJson(root, ['--var-file', 'envs/prod.tfvars', '--var', 'actions=["s3:*"]', '--var', 'managed=arn:aws:iam::aws:policy/ReadOnlyAccess'])
    expect(both.filter((f) => f.startsWith('iam/admin-managed'))).toEqual([])
    expect(both).toContain('iam/service-wildcard-action main.tf:2')
  })

  it('--parameters in both file forms and --parameter Key=Value replace CloudFormation defaults', () => {
    const root = repository({
      'template.yaml': 'Parameters:\n  Managed:\n    Type: String\n    Default: arn:aws:iam::aws:policy/ReadOnlyAccess\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      ManagedPolicyArns:\n        - !Ref Managed\n',
      'cli.json': '[\n  { "ParameterKey": "Managed", "ParameterValue": "arn:aws:iam::aws:policy/AdministratorAccess" }\n]\n',
      'config.json': '{ "Parameters": { "Managed": "arn:aws:iam::aws:policy/AdministratorAccess" } }\n',
    })
    const admin = (args: string[]) => scanJson(root, args).filter((f) => f.startsWith('iam/admin-managed'))
    expect(admin([])).toEqual([])
    expect(admin(['--parameters', 'cli.json'])).toHaveLength(1)
    expect(admin(['--parameters', 'config.json'])).toHaveLength(1)
    expect(admin(['--parameter', 'Managed=arn:aws:iam::aws:policy/AdministratorAccess'])).toHaveLength(1)
    expect(admin(['--parameters', 'cli.json', '--parameter', 'Managed=arn:aws:iam::aws:policy/ReadOnlyAccess'])).toEqual([])
  })

  it('a variables file that cannot be read, or an assignment without a name, is a usage error', () => {
    const root = repository(TERRAFORM)
    expect(runCli(['scan', '.', '--var-file', 'missing.tfvars'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the variables file missing.tfvars') })
    expect(runCli(['scan', '.', '--var', '=x'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining('expected name=value') })
  })
})

describe('module instances through the CLI', () => {
  const files = {
    'main.tf': 'module "ops" {\n  source  = "./modules/policy"\n  actions = ["*"]\n}\n',
    'modules/policy/main.tf': 'variable "actions" {\n  default = ["s3:GetObject"]\n}\nresource "aws_iam_policy" "this" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
  }

  it('SARIF: the finding at the caller\'s line, the module\'s resource and the call as related locations', () => {
    const root = repository(files)
    const run = runCli(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], { cwd: root })
    expect(run.code, run.stderr).toBe(0)
    type Location = { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message?: { text: string } }
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: Location[]; relatedLocations?: Location[] }[] }[] }).runs[0]!.results
    const admin = results.find((r) => r.ruleId === 'iam/full-admin')!
    expect(admin.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'main.tf' }, region: { startLine: 3 } })
    expect(admin.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.message?.text])).toEqual([
      ['modules/policy/main.tf', 4, 'via module.ops → aws_iam_policy.this'],
      ['main.tf', 1, 'module.ops is called here'],
    ])
  })

  it('text: "via module.x → resource" under the finding', () => {
    const root = repository(files)
    const run = runCli(['scan', '.', '--fail-on', 'none', '--no-color'], { cwd: root })
    expect(run.stdout).toMatch(/\n {2}3:\d+ +critical .*iam\/full-admin\n(?: {10}also: .*\n)* {10}in module\.ops\.aws_iam_policy\.this\n {10}via module\.ops → aws_iam_policy\.this \(modules\/policy\/main\.tf:4\)/)
  })
})
