import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { toSarif } from '../../src/report/sarif.js'
import { toText } from '../../src/report/text.js'
import { builtinRules } from '../../src/rules/index.js'
import type { Finding } from '../../src/rules/types.js'
import { isUnknown } from '../../src/model/source.js'
import { scan } from '../../src/scan.js'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

/** A repository in a temporary folder: path → text. */
function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'policygate-tf-modules-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const where = (f: Finding) => `${f.ruleId} ${f.loc.file}:${f.loc.startLine} ${f.resource?.address ?? ''}`

/** Two levels of local modules: the root passes a map of objects to a role module (for_each), which passes actions on to a policy module. */
const TWO_LEVELS = {
  'main.tf': [
    'variable "roles" {', //                                                1
    '  default = {', //                                                     2
    '    ops = {', //                                                       3
    '      managed = "arn:aws:iam::aws:policy/AdministratorAccess"', //    4
    '      actions = ["*"]', //                                            5
    '    }', //                                                             6
    '    reader = {', //                                                    7
    '      managed = "arn:aws:iam::aws:policy/ReadOnlyAccess"', //         8
    '      actions = ["s3:ListBucket"]', //                                 9
    '    }', //                                                             10
    '  }', //                                                               11
    '}', //                                                                 12
    'module "roles" {', //                                                  13
    '  source   = "./modules/role"', //                                    14
    '  for_each = var.roles', //                                            15
    '  name     = each.key', //                                             16
    '  managed  = each.value.managed', //                                   17
    '  actions  = each.value.actions', //                                   18
    '}', //                                                                 19
  ].join('\n'),
  'modules/role/main.tf': [
    'variable "name" {}', //                                                1
    'variable "managed" {', //                                              2
    '  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"', //              3
    '}', //                                                                 4
    'variable "actions" {', //                                              5
    '  default = ["s3:ListBucket"]', //                                     6
    '}', //                                                                 7
    'resource "aws_iam_role" "this" {', //                                  8
    '  name               = var.name', //                                   9
    '  assume_role_policy = "{}"', //                                       10
    '}', //                                                                 11
    'resource "aws_iam_role_policy_attachment" "managed" {', //             12
    '  role       = aws_iam_role.this.name', //                             13
    '  policy_arn = var.managed', //                                        14
    '}', //                                                                 15
    'module "inline" {', //                                                 16
    '  source  = "../policy"', //                                           17
    '  actions = var.actions', //                                           18
    '  role    = aws_iam_role.this.name', //                                19
    '}', //                                                                 20
    'output "arn" {', //                                                    21
    '  value = aws_iam_role.this.arn', //                                   22
    '}', //                                                                 23
  ].join('\n'),
  'modules/policy/main.tf': [
    'variable "actions" {', //                                              1
    '  default = ["s3:ListBucket"]', //                                     2
    '}', //                                                                 3
    'variable "role" {}', //                                                4
    'resource "aws_iam_role_policy" "this" {', //                           5
    '  role = var.role', //                                                 6
    '  policy = jsonencode({', //                                           7
    '    Version   = "2012-10-17"', //                                      8
    '    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]', // 9
    '  })', //                                                              10
    '}', //                                                                 11
    'output "document" {', //                                               12
    '  value = aws_iam_role_policy.this.policy', //                         13
    '}', //                                                                 14
  ].join('\n'),
}

describe('Terraform module instances', () => {
  it('evaluates two levels of local modules with the callers\' arguments, one instance per for_each key of a map of objects', async () => {
    const result = await scan({ root: repository(TWO_LEVELS) })
    const roles = result.model.iam.roles.map((r) => r.meta.address).sort()
    // modules/policy read on its own names its role by a variable only: a principal declared elsewhere (issue 9).
    expect(roles).toEqual(['aws_iam_role.this', 'module.roles["ops"].aws_iam_role.this', 'module.roles["reader"].aws_iam_role.this', 'var.role'])
    const admin = result.findings.filter((f) => f.ruleId === 'iam/admin-managed-policy-attached').map(where)
    // The caller wrote the ARN: the finding is at its line; the module's default (ReadOnlyAccess) is not reported.
    expect(admin).toEqual(['iam/admin-managed-policy-attached main.tf:4 module.roles["ops"].aws_iam_role_policy_attachment.managed'])
    const fullAdmin = result.findings.filter((f) => f.ruleId === 'iam/full-admin')
    expect(fullAdmin.map(where)).toEqual(['iam/full-admin main.tf:5 module.roles["ops"].module.inline.aws_iam_role_policy.this'])
    // Related: the resource in the innermost module, then each call on the way, innermost first.
    expect(fullAdmin[0]!.related?.map((r) => [r.message, `${r.loc.file}:${r.loc.startLine}`])).toEqual([
      ['via module.roles["ops"] → module.inline → aws_iam_role_policy.this', 'modules/policy/main.tf:5'],
      ['module.roles["ops"].module.inline is called here', 'modules/role/main.tf:16'],
      ['module.roles["ops"] is called here', 'main.tf:13'],
    ])
  })

  it('keeps the module\'s own reading with its defaults, and says the same thing at the same place once', async () => {
    const root = repository({
      ...TWO_LEVELS,
      'modules/wild/main.tf': 'variable "role" {}\nvariable "actions" {\n  default = ["s3:*"]\n}\nresource "aws_iam_role_policy" "this" {\n  role   = var.role\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
      'other/main.tf': 'module "a" {\n  source = "../modules/wild"\n  role   = "x"\n}\nmodule "b" {\n  source = "../modules/wild"\n  role   = "y"\n}\n',
    })
    const result = await scan({ root })
    const atDefault = result.findings.filter((f) => f.loc.file === 'modules/wild/main.tf' && f.loc.startLine === 3)
    // The module read on its own, and through other/ twice, all grant its default at line 3: one finding per rule.
    expect(atDefault.length).toBeGreaterThan(0)
    const keys = atDefault.map((f) => `${f.ruleId} ${f.message}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('resolves module outputs in the caller: a module output used as a policy is judged at the lines that wrote it', async () => {
    const root = repository({
      'main.tf': [
        'module "policy" {', //                              1
        '  source  = "./policy"', //                          2
        '  actions = ["iam:*"]', //                           3
        '}', //                                               4
        'resource "aws_iam_policy" "from_module" {', //       5
        '  name   = "from-module"', //                        6
        '  policy = module.policy.json', //                   7
        '}', //                                               8
      ].join('\n'),
      'policy/main.tf': 'variable "actions" {\n  default = []\n}\noutput "json" {\n  value = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]\n  })\n}\n',
    })
    const result = await scan({ root })
    // The wildcard is reported on its own or folded into a stronger finding on the same entry (iam/privilege-escalation).
    const saying = result.findings.filter((f) => f.ruleId === 'iam/service-wildcard-action' || f.subsumed?.includes('iam/service-wildcard-action'))
    expect(saying.map((f) => `${f.loc.file}:${f.loc.startLine} ${f.resource?.address}`)).toEqual(['main.tf:3 aws_iam_policy.from_module'])
  })

  it('count on a module call: one instance per index, module.x[i].output picks one', async () => {
    const root = repository({
      'main.tf': [
        'module "names" {',
        '  count  = 2',
        '  source = "./names"',
        '  name   = "role-${count.index}"',
        '}',
        'resource "aws_iam_user" "u" {',
        '  name = module.names[1].name',
        '}',
      ].join('\n'),
      'names/main.tf': 'variable "name" {}\noutput "name" {\n  value = var.name\n}\nresource "aws_iam_user" "this" {\n  name = var.name\n}\n',
    })
    const result = await scan({ root })
    const users = result.model.iam.users.map((u) => `${u.meta.address}=${isUnknown(u.name.value) ? '?' : u.name.value}`).sort()
    expect(users).toEqual(['aws_iam_user.this=?', 'aws_iam_user.u=role-1', 'module.names[0].aws_iam_user.this=role-0', 'module.names[1].aws_iam_user.this=role-1'])
  })

  it('reads a registry module where terraform init installed it, as a local one', async () => {
    const root = repository({
      'main.tf': 'module "iam" {\n  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"\n  version = "5.0.0"\n  policy  = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'iam', Source: 'registry.terraform.io/terraform-aws-modules/iam/aws//modules/iam-policy', Version: '5.0.0', Dir: '.terraform/modules/iam/modules/iam-policy' },
        ],
      }),
      '.terraform/modules/iam/modules/iam-policy/main.tf': 'variable "policy" {\n  default = ""\n}\nresource "aws_iam_policy" "policy" {\n  name   = "p"\n  policy = var.policy\n}\n',
    })
    const result = await scan({ root })
    expect(result.findings.filter((f) => f.ruleId === 'iam/full-admin').map(where)).toEqual(['iam/full-admin main.tf:6 module.iam.aws_iam_policy.policy'])
    expect(result.findings.filter((f) => f.ruleId === 'policygate/unresolved')).toEqual([])
  })

  it('a module source outside the repository is reported at its source line and never read; a module that calls itself stops', async () => {
    const root = repository({
      'repo/main.tf': 'module "outside" {\n  source = "../shared"\n}\nmodule "loop" {\n  source = "./loop"\n}\n',
      'repo/loop/main.tf': 'module "again" {\n  source = "../loop"\n}\n',
      'shared/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = "{}"\n}\n',
    })
    const result = await scan({ root: join(root, 'repo') })
    expect(result.findings.filter((f) => f.ruleId === 'policygate/unresolved').map((f) => `${f.loc.file}:${f.loc.startLine} ${f.message.split(',')[0]}`)).toEqual([
      'loop/main.tf:2 module.again: its source loop contains this call',
      'main.tf:2 module.outside: its source ../shared is outside the repository',
    ])
    expect(result.model.iam.policies).toEqual([])
  })

  it('reports a value passed by a caller at the caller\'s line, the module\'s resource as a related location (SARIF and text)', async () => {
    const result = await scan({ root: repository(TWO_LEVELS) })
    const sarif = toSarif(result, { toolVersion: '0', rules: builtinRules }) as unknown as { runs: { results: { ruleId: string; locations: unknown[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }[] }[] }[] }
    const fullAdmin = sarif.runs[0]!.results.find((r) => r.ruleId === 'iam/full-admin')!
    expect(fullAdmin.relatedLocations?.[0]).toMatchObject({ physicalLocation: { artifactLocation: { uri: 'modules/policy/main.tf' }, region: { startLine: 5 } }, message: { text: 'via module.roles["ops"] → module.inline → aws_iam_role_policy.this' } })
    const text = toText(result, { color: false, readLines: () => undefined })
    expect(text).toContain('via module.roles["ops"] → module.inline → aws_iam_role_policy.this (modules/policy/main.tf:5)')
  })
})
