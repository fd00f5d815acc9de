import { describe, expect, it } from 'vitest'
import { parseJsonValue } from '../../src/parse/json.js'
import { path } from '../../src/parse/value.js'
import { at, evaluateModule, lines, resource, shape } from './terraform-helpers.js'

describe('Terraform literals, collections and templates', () => {
  const main = [
    'resource "aws_s3_bucket" "logs" {', //                     1
    '  bucket        = "logs-bucket"', //                        2
    '  force_destroy = true', //                                 3
    '  count_hint    = 3', //                                    4
    '  nothing       = null', //                                 5
    '  spaced        = "  two  spaces  "', //                    6
    '  escaped       = "tab\\there \\"quoted\\" $${literal} %%{x}"', // 7
    '  list          = [', //                                    8
    '    "a",', //                                               9
    '    "b",', //                                               10
    '  ]', //                                                    11
    '  tags = {', //                                             12
    '    Name          = "logs"', //                             13
    '    "cost-center" = "42"', //                               14
    '  }', //                                                    15
    '  negative = -1', //                                        16
    '}', //                                                      17
  ].join('\n')

  it('evaluates scalars, lists and objects, each at its own line', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_s3_bucket.logs', 'bucket')).toMatchObject({ kind: 'string', value: 'logs-bucket', loc: { file: 'main.tf', startLine: 2 } })
    expect(at(unit, 'aws_s3_bucket.logs', 'force_destroy')).toMatchObject({ kind: 'bool', value: true, loc: { startLine: 3 } })
    expect(at(unit, 'aws_s3_bucket.logs', 'count_hint')).toMatchObject({ kind: 'number', value: 3, loc: { startLine: 4 } })
    expect(at(unit, 'aws_s3_bucket.logs', 'nothing')).toMatchObject({ kind: 'null', loc: { startLine: 5 } })
    expect(at(unit, 'aws_s3_bucket.logs', 'negative')).toMatchObject({ kind: 'number', value: -1, loc: { startLine: 16 } })
    expect(lines(at(unit, 'aws_s3_bucket.logs', 'list'))).toEqual(['a@9', 'b@10'])
    expect(lines(at(unit, 'aws_s3_bucket.logs', 'tags'))).toEqual(['logs@13', '42@14'])
    const tags = at(unit, 'aws_s3_bucket.logs', 'tags')
    expect(tags.kind === 'map' && tags.entries.map((e) => [e.key, e.keyLoc.startLine])).toEqual([['Name', 13], ['cost-center', 14]])
  })

  it('keeps the whitespace next to quotes and decodes escapes', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(shape(at(unit, 'aws_s3_bucket.logs', 'spaced'))).toBe('  two  spaces  ')
    expect(shape(at(unit, 'aws_s3_bucket.logs', 'escaped'))).toBe('tab\there "quoted" ${literal} %{x}')
  })

  it('renders templates whose parts are known, and leaves the others unknown', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'variable "env" {', //                                   1
        '  default = "prod"', //                                 2
        '}', //                                                  3
        'variable "account" {}', //                              4
        'resource "aws_iam_role" "app" {', //                    5
        '  name        = "app-${var.env} "', //                  6
        '  description = "for ${var.account}"', //               7
        '  single      = "${var.env}"', //                       8
        '  number      = "n${1 + 2}"', //                        9
        '  stripped    = "a ${~ var.env ~} b"', //               10
        '  directive   = "%{ if var.env == "prod" }x%{ endif }"', // 11
        '}', //                                                  12
      ].join('\n'),
    })
    expect(at(unit, 'aws_iam_role.app', 'name')).toMatchObject({ kind: 'string', value: 'app-prod ', loc: { startLine: 6 } })
    expect(at(unit, 'aws_iam_role.app', 'description')).toMatchObject({ kind: 'unknown', loc: { startLine: 7 } })
    // A template that is one interpolation is the value itself, with where it came from.
    expect(at(unit, 'aws_iam_role.app', 'single')).toMatchObject({ kind: 'string', value: 'prod', loc: { startLine: 2 }, ref: 'var.env' })
    expect(shape(at(unit, 'aws_iam_role.app', 'number'))).toBe('n3')
    expect(shape(at(unit, 'aws_iam_role.app', 'stripped'))).toBe('aprodb')
    expect(at(unit, 'aws_iam_role.app', 'directive')).toMatchObject({ kind: 'string', value: 'x', loc: { startLine: 11 } })
  })

  it('reads heredocs with their text origin, so JSON inside keeps real lines', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'resource "aws_iam_policy" "plain" {', //                1
        '  policy = <<EOF', //                                   2
        '{', //                                                  3
        '  "Statement": [{ "Effect": "Allow", "Action": "*" }]', // 4
        '}', //                                                  5
        'EOF', //                                                6
        '}', //                                                  7
        'resource "aws_iam_policy" "indented" {', //             8
        '  policy = <<-EOT', //                                  9
        '    {', //                                              10
        '', //                                                   11
        '      "Action": "s3:*"', //                             12
        '    }', //                                              13
        '    EOT', //                                            14
        '}', //                                                  15
      ].join('\n'),
    })
    const plain = at(unit, 'aws_iam_policy.plain', 'policy')
    expect(plain).toMatchObject({ kind: 'string', loc: { startLine: 2, endLine: 6 }, textOrigin: { file: 'main.tf', line: 3, column: 1 } })
    expect(plain.kind === 'string' && plain.value).toBe('{\n  "Statement": [{ "Effect": "Allow", "Action": "*" }]\n}\n')
    const indented = at(unit, 'aws_iam_policy.indented', 'policy')
    expect(indented.kind === 'string' && indented.value).toBe('{\n\n  "Action": "s3:*"\n}\n')
    expect(indented).toMatchObject({ textOrigin: { line: 10, column: 5, dedent: 4 } })
    if (indented.kind !== 'string') throw new Error('expected a string')
    const json = parseJsonValue(indented.value, indented.textOrigin!)
    expect(path(json.value, 'Action')?.loc).toMatchObject({ startLine: 12, startColumn: 17 })
  })

  it('keeps the text origin of a heredoc whose known interpolations leave its lines in place', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'variable "bucket" {', //                                1
        '  default = "media"', //                                2
        '}', //                                                  3
        'resource "aws_s3_bucket_policy" "b" {', //              4
        '  policy = <<-EOF', //                                  5
        '    {', //                                              6
        '      "Resource": "arn:aws:s3:::${var.bucket}/*",', //  7
        '      "Action": "s3:GetObject"', //                     8
        '    }', //                                              9
        '  EOF', //                                              10
        '  decoded = jsondecode(<<EOF', //                       11
        '{', //                                                  12
        '  "Action": "s3:${upper("x")}"', //                     13
        '}', //                                                  14
        'EOF', //                                                15
        '  )', //                                                16
        '}', //                                                  17
      ].join('\n'),
    })
    const policy = at(unit, 'aws_s3_bucket_policy.b', 'policy')
    expect(policy).toMatchObject({ kind: 'string', textOrigin: { line: 6, dedent: 4 } })
    if (policy.kind !== 'string') throw new Error('expected a string')
    expect(lines(parseJsonValue(policy.value, policy.textOrigin!).value)).toEqual(['arn:aws:s3:::media/*@7', 's3:GetObject@8'])
    expect(lines(at(unit, 'aws_s3_bucket_policy.b', 'decoded'))).toEqual(['s3:X@13'])
  })

  it('turns a JSON heredoc with unknown interpolations into JSON whose unknown strings alone are unknown', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'resource "aws_s3_bucket_policy" "b" {', //              1
        '  policy = <<POLICY', //                                2
        '{', //                                                  3
        '  "Statement": [{', //                                  4
        '    "Effect": "Allow",', //                             5
        '    "Action": ${jsonencode(var.actions)},', //          6
        '    "Resource": "${aws_s3_bucket.b.arn}/*",', //        7
        '    "Principal": "*"', //                               8
        '  }]', //                                               9
        '}', //                                                  10
        'POLICY', //                                             11
        '}', //                                                  12
        'variable "actions" {}', //                              13
      ].join('\n'),
    })
    const policy = at(unit, 'aws_s3_bucket_policy.b', 'policy')
    expect(shape(policy)).toEqual({ Statement: [{ Effect: 'Allow', Action: '<unknown var.actions>', Resource: '<unknown>', Principal: '*' }] })
    expect(lines(policy)).toEqual(['Allow@5', '*@8'])
    expect(path(policy, 'Statement.Action')?.loc.startLine).toBe(6)
  })

  it('evaluates for expressions over known collections; leaves unknown functions unknown, with a reason', async () => {
    const unit = await evaluateModule({
      'main.tf': ['resource "x" "y" {', '  a = [for s in ["a"] : upper(s)]', '  b = cidrsubnets("10.0.0.0/16", 8, 1)', '}'].join('\n'),
    })
    expect(at(unit, 'x.y', 'a')).toMatchObject({ kind: 'list', items: [{ kind: 'string', value: 'A' }], loc: { startLine: 2 } })
    expect(at(unit, 'x.y', 'b')).toMatchObject({ kind: 'unknown', reason: 'function cidrsubnets() is not evaluated', loc: { startLine: 3 } })
  })
})

describe('Terraform variables and locals', () => {
  const variables = [
    'variable "region" {', //                                   1
    '  default = "eu-west-1"', //                                2
    '}', //                                                      3
    'variable "name" {', //                                      4
    '  default = "from-default"', //                             5
    '}', //                                                      6
    'variable "account_id" {', //                                7
    '  type = string', //                                        8
    '}', //                                                      9
    'variable "optional" {', //                                  10
    '  default = null', //                                       11
    '}', //                                                      12
  ].join('\n')
  const main = [
    'locals {', //                                               1
    '  prefix = "${var.name}-${var.region}"', //                 2
    '  loop_a = local.loop_b', //                                3
    '  loop_b = local.loop_a', //                                4
    '}', //                                                      5
    'resource "aws_iam_role" "r" {', //                          6
    '  name       = local.prefix', //                            7
    '  region     = var.region', //                              8
    '  account    = var.account_id', //                          9
    '  optional   = var.optional', //                            10
    '  loop       = local.loop_a', //                            11
    '  missing    = local.nope', //                              12
    '}', //                                                      13
  ].join('\n')

  it('takes tfvars over defaults (auto.tfvars last), and leaves variables without either unknown', async () => {
    const unit = await evaluateModule({
      'variables.tf': variables,
      'main.tf': main,
      'terraform.tfvars': 'name = "from-tfvars"\nregion = "us-east-1"\n',
      'b.auto.tfvars': 'region = "ap-south-1"\n',
      'a.auto.tfvars.json': '{\n  "region": "sa-east-1"\n}\n',
    })
    expect(at(unit, 'aws_iam_role.r', 'name')).toMatchObject({ kind: 'string', value: 'from-tfvars-ap-south-1', loc: { file: 'main.tf', startLine: 2 }, ref: 'local.prefix' })
    expect(at(unit, 'aws_iam_role.r', 'region')).toMatchObject({ value: 'ap-south-1', loc: { file: 'b.auto.tfvars', startLine: 1 }, ref: 'var.region' })
    expect(at(unit, 'aws_iam_role.r', 'account')).toMatchObject({ kind: 'unknown', ref: 'var.account_id', loc: { file: 'main.tf', startLine: 9 } })
    expect(at(unit, 'aws_iam_role.r', 'optional')).toMatchObject({ kind: 'null', loc: { file: 'variables.tf', startLine: 11 } })
  })

  it('uses defaults without tfvars, and survives local cycles and missing locals', async () => {
    const unit = await evaluateModule({ 'variables.tf': variables, 'main.tf': main })
    expect(shape(at(unit, 'aws_iam_role.r', 'name'))).toBe('from-default-eu-west-1')
    expect(at(unit, 'aws_iam_role.r', 'region')).toMatchObject({ value: 'eu-west-1', loc: { file: 'variables.tf', startLine: 2 } })
    expect(at(unit, 'aws_iam_role.r', 'loop')).toMatchObject({ kind: 'unknown', reason: 'reference cycle' })
    expect(at(unit, 'aws_iam_role.r', 'missing')).toMatchObject({ kind: 'unknown', loc: { startLine: 12 } })
  })

  it('reports each variable as an input, hidden when sensitive, with a literal string default', async () => {
    const unit = await evaluateModule({
      'main.tf': ['variable "db_password" {', '  sensitive = true', '  default   = "hunter2"', '}', 'variable "open" {', '  default = 3', '}'].join('\n'),
    })
    expect(unit.inputs).toEqual([
      {
        framework: 'terraform',
        name: 'db_password',
        loc: expect.objectContaining({ startLine: 1, endLine: 4 }),
        hidden: true,
        hiddenLoc: expect.objectContaining({ startLine: 2 }),
        defaultValue: { kind: 'string', value: 'hunter2', loc: expect.objectContaining({ startLine: 3 }) },
      },
      { framework: 'terraform', name: 'open', loc: expect.objectContaining({ startLine: 5 }), hidden: false },
    ])
  })
})

describe('Terraform references between blocks', () => {
  const main = [
    'resource "aws_iam_role" "app" {', //                        1
    '  name = "app-role"', //                                    2
    '  tags = { team = "core" }', //                             3
    '}', //                                                      4
    'resource "aws_iam_role_policy_attachment" "a" {', //        5
    '  role       = aws_iam_role.app.name', //                   6
    '  policy_arn = aws_iam_policy.p.arn', //                    7
    '  team       = aws_iam_role.app.tags.team', //              8
    '  legacy     = "${aws_iam_role.app.name}"', //              9
    '  id         = aws_iam_role.app.id', //                     10
    '  indexed    = aws_iam_role.app[0].name', //                11
    '  module_out = module.vpc.vpc_id', //                       12
    '}', //                                                      13
  ].join('\n')

  it('follows a reference to a literal written in the other block, keeping the reference', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'role')).toMatchObject({ kind: 'string', value: 'app-role', loc: { startLine: 2 }, ref: 'aws_iam_role.app.name' })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'team')).toMatchObject({ value: 'core', ref: 'aws_iam_role.app.tags.team' })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'legacy')).toMatchObject({ value: 'app-role', ref: 'aws_iam_role.app.name' })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'indexed')).toMatchObject({ value: 'app-role', ref: 'aws_iam_role.app.name' })
  })

  it('leaves computed attributes, undeclared resources and module outputs unknown with their reference', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'policy_arn')).toMatchObject({ kind: 'unknown', ref: 'aws_iam_policy.p.arn', loc: { startLine: 7 } })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'id')).toMatchObject({ kind: 'unknown', ref: 'aws_iam_role.app.id', reason: 'aws_iam_role.app.id is computed by the provider' })
    expect(at(unit, 'aws_iam_role_policy_attachment.a', 'module_out')).toMatchObject({ kind: 'unknown', ref: 'module.vpc.vpc_id' })
  })

  it('resolves references across the files of a module', async () => {
    const unit = await evaluateModule({ 'a.tf': 'locals {\n  name = aws_iam_role.app.name\n}\n', 'b.tf': main, 'c.tf': 'resource "x" "y" {\n  role = local.name\n}\n' })
    // The local passes the resource reference on: extract joins on it.
    expect(at(unit, 'x.y', 'role')).toMatchObject({ value: 'app-role', ref: 'aws_iam_role.app.name', loc: { file: 'b.tf', startLine: 2 } })
  })
})

describe('Terraform blocks', () => {
  it('collects nested blocks as lists of block maps, and builds one element from a dynamic block', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'resource "aws_security_group" "sg" {', //               1
        '  ingress {', //                                        2
        '    from_port = 443', //                                3
        '  }', //                                                4
        '  ingress {', //                                        5
        '    from_port = 80', //                                 6
        '  }', //                                                7
        '  dynamic "egress" {', //                               8
        '    for_each = var.rules', //                           9
        '    iterator = rule', //                                10
        '    content {', //                                      11
        '      from_port   = rule.value.port', //                12
        '      cidr_blocks = ["0.0.0.0/0"]', //                  13
        '    }', //                                              14
        '  }', //                                                15
        '}', //                                                  16
      ].join('\n'),
    })
    const body = resource(unit, 'aws_security_group.sg').body
    expect(shape(body)).toEqual({
      ingress: [{ from_port: 443 }, { from_port: 80 }],
      egress: [{ from_port: '<unknown rule.value.port>', cidr_blocks: ['0.0.0.0/0'] }],
    })
    const ingress = path(body, 'ingress')
    expect(ingress?.kind === 'list' && ingress.items.map((i) => [i.kind === 'map' && i.block, i.loc.startLine])).toEqual([[true, 2], [true, 5]])
    expect(path(body, 'egress')).toMatchObject({ kind: 'list', items: [{ loc: { startLine: 8 } }] })
    expect(path(body, 'egress.cidr_blocks')?.loc.startLine).toBe(13)
  })

  it('evaluates count and for_each resources once, with the iterator unknown', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'resource "aws_iam_user" "u" {', //                      1
        '  count = 2', //                                        2
        '  name  = "user-${count.index}"', //                    3
        '  path  = "/"', //                                      4
        '}', //                                                  5
        'resource "aws_iam_user" "v" {', //                      6
        '  for_each = toset(["a"])', //                          7
        '  name     = each.key', //                              8
        '}', //                                                  9
      ].join('\n'),
    })
    expect(resource(unit, 'aws_iam_user.u')).toMatchObject({ repeated: true })
    expect(at(unit, 'aws_iam_user.u', 'name').kind).toBe('unknown')
    expect(shape(at(unit, 'aws_iam_user.u', 'path'))).toBe('/')
    expect(at(unit, 'aws_iam_user.v', 'name')).toMatchObject({ kind: 'unknown', ref: 'each.key' })
  })

  it('reports resources, data sources and providers with their addresses and whole-block ranges; a module call it cannot read is unresolved at its source', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'provider "aws" {', //                                   1
        '  region = "eu-west-1"', //                             2
        '}', //                                                  3
        'provider "aws" {', //                                   4
        '  alias  = "us"', //                                    5
        '  region = "us-east-1"', //                             6
        '}', //                                                  7
        'module "vpc" {', //                                     8
        '  source = "terraform-aws-modules/vpc/aws"', //         9
        '  cidr   = "10.0.0.0/16"', //                           10
        '}', //                                                  11
        'data "aws_caller_identity" "me" {}', //                 12
        'resource "aws_vpc" "v" {', //                           13
        '  cidr_block = "10.0.0.0/16"', //                       14
        '}', //                                                  15
        'output "x" {', //                                       16
        '  value = 1', //                                        17
        '}', //                                                  18
      ].join('\n'),
    })
    expect(unit.resources.map((r) => [r.mode, r.type, r.address, r.loc.startLine, r.loc.endLine])).toEqual([
      ['provider', 'aws', 'provider.aws', 1, 3],
      ['provider', 'aws', 'provider.aws.us', 4, 7],
      ['data', 'aws_caller_identity', 'data.aws_caller_identity.me', 12, 12],
      ['resource', 'aws_vpc', 'aws_vpc.v', 13, 15],
    ])
    expect(unit.diagnostics.map((d) => [d.kind, d.loc.startLine, d.message.slice(0, 59)])).toEqual([['unresolved', 9, 'module.vpc: its source terraform-aws-modules/vpc/aws is not']])
  })
})

describe('Terraform functions and conditionals', () => {
  const main = [
    'locals {', //                                                              1
    '  tags = { a = "1", b = "2" }', //                                         2
    '}', //                                                                     3
    'resource "x" "f" {', //                                                    4
    '  merged    = merge(local.tags, { b = "3" })', //                          5
    '  joined    = join(",", concat(["a"], ["b", "c"]))', //                    6
    '  looked    = lookup(local.tags, "a", "none")', //                         7
    '  fallback  = lookup(local.tags, "z", "none")', //                         8
    '  formatted = format("%s-%d-%v", "x", 2, true)', //                        9
    '  split     = split("/", "a/b")', //                                       10
    '  cased     = "${lower("AB")}${upper("cd")}"', //                          11
    '  replaced  = replace("a.b.c", ".", "-")', //                              12
    '  regexed   = replace("abc", "/b/", "x")', //                              13
    '  tried     = try(local.tags.missing, "fallback")', //                     14
    '  coalesced = coalesce("", null, "first")', //                             15
    '  flat      = flatten([["a"], ["b", ["c"]]])', //                          16
    '  unique    = distinct(["a", "b", "a"])', //                               17
    '  element   = element(["a", "b"], 3)', //                                  18
    '  length    = length(local.tags)', //                                      19
    '  compacted = compact(["a", "", null])', //                                20
    '  encoded   = base64decode(base64encode("hi"))', //                        21
    '  trimmed   = chomp(trimspace("  x  "))', //                               22
    '  converted = tolist(toset(["a"]))', //                                    23
    '  mapped    = tomap({ k = "v" })', //                                      24
    '  chosen    = true ? "yes" : "no"', //                                     25
    '  unsure    = var.flag ? "yes" : "no"', //                                 26
    '  same      = var.flag ? "same" : "same"', //                              27
    '  compared  = 1 + 2 == 3 && !false', //                                    28
    '  decoded   = jsondecode("{\\"a\\": [1]}")', //                            29
    '  expanded  = concat(local.lists...)', //                                  30
    '}', //                                                                     31
    'variable "flag" {}', //                                                    32
  ].join('\n')

  it('evaluates the supported functions on known arguments', async () => {
    const unit = await evaluateModule({ 'main.tf': main.replace('local.lists', '[["a"], ["b"]]') })
    const value = (name: string) => shape(at(unit, 'x.f', name))
    expect(value('merged')).toEqual({ a: '1', b: '3' })
    expect(value('joined')).toBe('a,b,c')
    expect(value('looked')).toBe('1')
    expect(value('fallback')).toBe('none')
    expect(value('formatted')).toBe('x-2-true')
    expect(value('split')).toEqual(['a', 'b'])
    expect(value('cased')).toBe('abCD')
    expect(value('replaced')).toBe('a-b-c')
    // An RE2 regular expression, as Terraform's replace() takes it between slashes.
    expect(value('regexed')).toBe('axc')
    expect(value('tried')).toBe('fallback')
    expect(value('coalesced')).toBe('first')
    expect(value('flat')).toEqual(['a', 'b', 'c'])
    expect(value('unique')).toEqual(['a', 'b'])
    expect(value('element')).toBe('b')
    expect(value('length')).toBe(2)
    expect(value('compacted')).toEqual(['a'])
    expect(value('encoded')).toBe('hi')
    expect(value('trimmed')).toBe('x')
    expect(value('converted')).toEqual(['a'])
    expect(value('mapped')).toEqual({ k: 'v' })
    expect(value('chosen')).toBe('yes')
    expect(value('unsure')).toBe('<unknown>')
    expect(value('same')).toBe('same')
    expect(value('compared')).toBe(true)
    expect(value('decoded')).toEqual({ a: [1] })
    expect(value('expanded')).toEqual(['a', 'b'])
  })

  it('keeps the positions of values passed through functions', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    const merged = at(unit, 'x.f', 'merged')
    expect(merged.kind === 'map' && merged.entries.map((e) => [e.key, e.value.loc.startLine])).toEqual([['a', 2], ['b', 5]])
    expect(at(unit, 'x.f', 'looked').loc.startLine).toBe(2)
    expect(at(unit, 'x.f', 'chosen').loc.startLine).toBe(25)
  })

  it('keeps jsonencode arguments as values with their own lines', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'resource "aws_iam_policy" "p" {', //                    1
        '  policy = jsonencode({', //                            2
        '    Statement = [{', //                                 3
        '      Effect   = "Allow"', //                           4
        '      Action   = ["s3:GetObject", "s3:PutObject"]', //  5
        '      Resource = "*"', //                               6
        '    }]', //                                             7
        '  })', //                                               8
        '  name = "n-${jsonencode(["a"])}"', //                  9
        '}', //                                                  10
      ].join('\n'),
    })
    expect(lines(at(unit, 'aws_iam_policy.p', 'policy'))).toEqual(['Allow@4', 's3:GetObject@5', 's3:PutObject@5', '*@6'])
    expect(shape(at(unit, 'aws_iam_policy.p', 'name'))).toBe('n-["a"]')
  })
})

describe('Terraform JSON syntax', () => {
  it('reads .tf.json blocks, with templates in strings', async () => {
    const unit = await evaluateModule({
      'main.tf.json': [
        '{', //                                                  1
        '  "variable": { "env": { "default": "${not-a-template}" } },', // 2
        '  "locals": { "name": "app-${var.env}" },', //          3
        '  "resource": {', //                                    4
        '    "aws_iam_role": {', //                              5
        '      "app": {', //                                     6
        '        "//": "a comment",', //                         7
        '        "name": "${local.name}",', //                   8
        '        "tags": { "Team": "core" }', //                 9
        '      }', //                                            10
        '    }', //                                              11
        '  }', //                                                12
        '}', //                                                  13
      ].join('\n'),
    })
    expect(resource(unit, 'aws_iam_role.app')).toMatchObject({ mode: 'resource', loc: { file: 'main.tf.json', startLine: 6 } })
    expect(at(unit, 'aws_iam_role.app', 'name')).toMatchObject({ value: 'app-${not-a-template}', loc: { startLine: 3 } })
    expect(at(unit, 'aws_iam_role.app', 'tags.Team')).toMatchObject({ value: 'core', loc: { startLine: 9 } })
    expect(shape(resource(unit, 'aws_iam_role.app').body)).toEqual({ name: 'app-${not-a-template}', tags: { Team: 'core' } })
  })
})

describe('Terraform literals and suppressions for later stages', () => {
  it('lists every literal string with the key it was written under', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'provider "aws" {', //                                   1
        '  access_key = "AKIAEXAMPLE"', //                       2
        '}', //                                                  3
        'resource "aws_lambda_function" "f" {', //               4
        '  environment {', //                                    5
        '    variables = {', //                                  6
        '      AWS_SECRET_ACCESS_KEY = "secret-value"', //       7
        '      OTHER                 = upper("x")', //           8
        '    }', //                                              9
        '  }', //                                                10
        '}', //                                                  11
      ].join('\n'),
      'terraform.tfvars': 'token = "t0k3n"\n',
    })
    expect(unit.literals.map((l) => [l.key, l.value, l.loc.file, l.loc.startLine])).toEqual([
      ['access_key', 'AKIAEXAMPLE', 'main.tf', 2],
      ['AWS_SECRET_ACCESS_KEY', 'secret-value', 'main.tf', 7],
      ['OTHER', 'x', 'main.tf', 8],
      ['token', 't0k3n', 'terraform.tfvars', 1],
    ])
  })

  it('attaches policygate:ignore comments to the block they are on or just above', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        '# policygate:ignore iam/full-admin break-glass role until 2030-01-31', // 1
        '# owned by the platform team', //                       2
        'resource "aws_iam_role" "a" {', //                      3
        '  name = "a" // policygate:ignore iam/trust-public reviewed', // 4
        '  # policygate:ignore secrets/hardcoded-aws-key', //     5
        '  description = "d"', //                                6
        '}', //                                                  7
        '', //                                                   8
        '# policygate:ignore iam/full-admin too far away', //    9
        '', //                                                   10
        'resource "aws_iam_role" "b" {', //                      11
        '  name = "b"', //                                       12
        '}', //                                                  13
      ].join('\n'),
    })
    expect(resource(unit, 'aws_iam_role.a').suppressions).toEqual([
      { ruleId: 'iam/full-admin', reason: 'break-glass role', until: '2030-01-31', loc: expect.objectContaining({ startLine: 1 }) },
      { ruleId: 'iam/trust-public', reason: 'reviewed', loc: expect.objectContaining({ startLine: 4 }) },
      { ruleId: 'secrets/hardcoded-aws-key', loc: expect.objectContaining({ startLine: 5 }) },
    ])
    expect(resource(unit, 'aws_iam_role.b').suppressions).toEqual([])
  })
})
