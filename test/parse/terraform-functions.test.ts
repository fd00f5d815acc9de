import { describe, expect, it } from 'vitest'
import { at, evaluateModule, lines, shape } from './terraform-helpers.js'

/** Evaluates each `name = expression` as an attribute of one resource and returns the shapes by name. */
async function values(expressions: Record<string, string>, extra = ''): Promise<Record<string, unknown>> {
  const body = Object.entries(expressions).map(([name, expression]) => `  ${name} = ${expression}`).join('\n')
  const unit = await evaluateModule({ 'main.tf': `${extra}\nresource "x" "y" {\n${body}\n}\n` })
  return Object.fromEntries(Object.keys(expressions).map((name) => [name, shape(at(unit, 'x.y', name))]))
}

describe('Terraform built-in functions', () => {
  it('collection functions', async () => {
    expect(
      await values({
        one_of_one: 'one(["a"])',
        one_of_none: 'one([])',
        keys: 'keys({ b = 1, a = 2 })',
        values: 'values({ b = 1, a = 2 })',
        zipmap: 'zipmap(["a", "b"], [1, 2])',
        contains: 'contains(["s3:GetObject", "s3:PutObject"], "s3:PutObject")',
        not_contains: 'contains(["a"], "b")',
        coalescelist: 'coalescelist([], ["x"])',
        setproduct: 'setproduct(["a", "b"], [1])',
        range1: 'range(3)',
        range3: 'range(1, 7, 3)',
        flatten: 'flatten([["a"], [["b"]], "c"])',
        distinct: 'distinct(["a", "a", "b"])',
        concat: 'concat(["a"], ["b"])',
        merge: 'merge({ a = 1 }, { b = 2 })',
        lookup: 'lookup({ a = 1 }, "b", 3)',
        element: 'element(["a", "b"], 3)',
        toset: 'toset(["a", "a"])',
        tomap: 'tomap({ a = "1" })',
        tolist: 'tolist(["a"])',
        length: 'length({ a = 1 })',
        compact: 'compact(["a", "", null])',
        sort: 'sort(["b", "a"])',
        slice: 'slice(["a", "b", "c"], 1, 3)',
        alltrue: 'alltrue([true, "true"])',
      }),
    ).toEqual({
      one_of_one: 'a',
      one_of_none: null,
      keys: ['a', 'b'],
      values: [2, 1],
      zipmap: { a: 1, b: 2 },
      contains: true,
      not_contains: false,
      coalescelist: ['x'],
      setproduct: [['a', 1], ['b', 1]],
      range1: [0, 1, 2],
      range3: [1, 4],
      flatten: ['a', 'b', 'c'],
      distinct: ['a', 'b'],
      concat: ['a', 'b'],
      merge: { a: 1, b: 2 },
      lookup: 3,
      element: 'b',
      toset: ['a'],
      tomap: { a: '1' },
      tolist: ['a'],
      length: 1,
      compact: ['a'],
      sort: ['a', 'b'],
      slice: ['b', 'c'],
      alltrue: true,
    })
  })

  it('string functions, RE2 regular expressions and YAML', async () => {
    expect(
      await values({
        format: 'format("arn:aws:iam::%s:role/%s", "111122223333", "ops")',
        formatlist: 'formatlist("arn:aws:s3:::%s/*", ["a", "b"])',
        join: 'join(",", ["a", "b"])',
        split: 'split(",", "a,b")',
        replace: 'replace("a-b-c", "-", ":")',
        replace_regex: 'replace("arn:aws:s3:::bucket", "/^arn:aws:s3:::(.*)$/", "$1")',
        lower: 'lower("S3:GetObject")',
        upper: 'upper("a")',
        trimspace: 'trimspace("  a ")',
        startswith: 'startswith("arn:aws:iam", "arn:")',
        endswith: 'endswith("role/x", "/y")',
        regex_plain: 'regex("[a-z]+", "123abc456")',
        regex_groups: 'regex("^arn:aws:iam::(\\\\d+):role/(.*)$", "arn:aws:iam::111122223333:role/ops")',
        regex_named: 'regex("^(?P<service>[a-z0-9]+):(?P<action>.*)$", "s3:GetObject")',
        jsondecode: 'jsondecode("{\\"Action\\": [\\"s3:*\\"]}")',
        yamldecode: 'yamldecode("Action:\\n  - s3:*\\n")',
        can_ok: 'can(regex("^a", "abc"))',
        can_fail: 'can(regex("^z", "abc"))',
        try_fallback: 'try(regex("^z", "abc"), "none")',
        coalesce: 'coalesce("", "x")',
        cidrsubnet: 'cidrsubnet("10.1.0.0/16", 8, 2)',
        cidrhost: 'cidrhost("10.12.112.0/20", 16)',
        basename: 'basename("policies/admin.json")',
      }),
    ).toEqual({
      format: 'arn:aws:iam::111122223333:role/ops',
      formatlist: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'],
      join: 'a,b',
      split: ['a', 'b'],
      replace: 'a:b:c',
      replace_regex: 'bucket',
      lower: 's3:getobject',
      upper: 'A',
      trimspace: 'a',
      startswith: true,
      endswith: false,
      regex_plain: 'abc',
      regex_groups: ['111122223333', 'ops'],
      regex_named: { service: 's3', action: 'GetObject' },
      jsondecode: { Action: ['s3:*'] },
      yamldecode: { Action: ['s3:*'] },
      can_ok: true,
      can_fail: false,
      try_fallback: 'none',
      coalesce: 'x',
      cidrsubnet: '10.1.2.0/24',
      cidrhost: '10.12.112.16',
      basename: 'admin.json',
    })
  })

  it('an unknown argument or a function that is not evaluated leaves an unknown that names it', async () => {
    const unit = await evaluateModule({ 'main.tf': 'variable "v" {}\nresource "x" "y" {\n  a = uuid()\n  b = one(var.v)\n}\n' })
    expect(at(unit, 'x.y', 'a')).toMatchObject({ kind: 'unknown', reason: 'function uuid() is not evaluated', loc: { startLine: 3 } })
    expect(at(unit, 'x.y', 'b')).toMatchObject({ kind: 'unknown', ref: 'var.v', loc: { startLine: 4 } })
  })
})

describe('Terraform template directives', () => {
  it('%{ if } and %{ for } with strip markers, as Terraform renders them', async () => {
    expect(
      await values(
        {
          iff: '"a %{ if var.on ~} yes %{~ else } no %{ endif }"',
          each: '"%{ for k, v in var.m }${k}=${v};%{ endfor }"',
          list: '"[%{ for i, a in ["s3:GetObject", "s3:PutObject"] }%{ if i > 0 },%{ endif }\\"${a}\\"%{ endfor }]"',
        },
        'variable "on" {\n  default = true\n}\nvariable "m" {\n  default = { a = 1, b = 2 }\n}\n',
      ),
    ).toEqual({ iff: 'a yes', each: 'a=1;b=2;', list: '["s3:GetObject","s3:PutObject"]' })
  })

  it('a policy heredoc built with %{ for } is JSON; an unknown condition is unknown at its real line, naming the variable', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'variable "actions" {', //                         1
        '  default = ["s3:GetObject", "s3:*"]', //         2
        '}', //                                            3
        'variable "flag" {}', //                           4
        'resource "aws_iam_policy" "p" {', //              5
        '  policy = <<-EOT', //                            6
        '    {"Statement": [{"Effect": "Allow", "Resource": "*", "Action": [', // 7
        '      %{~ for i, a in var.actions ~}', //         8
        '      ${i > 0 ? "," : ""}"${a}"', //              9
        '      %{~ endfor ~}', //                          10
        '    ]}]}', //                                     11
        '  EOT', //                                        12
        '  other = "x%{ if var.flag }y%{ endif }"', //     13
        '}', //                                            14
      ].join('\n'),
    })
    expect(shape(at(unit, 'aws_iam_policy.p', 'policy'))).toBe('{"Statement": [{"Effect": "Allow", "Resource": "*", "Action": ["s3:GetObject","s3:*"]}]}\n')
    const other = at(unit, 'aws_iam_policy.p', 'other')
    expect(other).toMatchObject({ kind: 'unknown', ref: 'var.flag', loc: { startLine: 13 } })
    expect(lines(other)).toEqual([])
  })
})

describe('templatefile() with directives', () => {
  it('an unknown template is reported at a real line of the template file, naming the variable', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const root = mkdtempSync(join(tmpdir(), 'policygate-tpl-'))
    try {
      writeFileSync(join(root, 'policy.tpl'), '%{ if extra ~}\n{"Statement": []}\n%{~ endif }\n')
      const unit = await evaluateModule({ 'main.tf': 'variable "extra" {}\nresource "aws_iam_policy" "p" {\n  policy = templatefile("policy.tpl", { extra = var.extra })\n}\n' }, { root })
      expect(at(unit, 'aws_iam_policy.p', 'policy')).toMatchObject({ kind: 'unknown', ref: 'var.extra', loc: { file: 'policy.tpl', startLine: 1, startColumn: 1 } })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('Terraform for expressions', () => {
  it('tuples and objects, with if and grouping, each element keeping its line', async () => {
    const extra = 'variable "roles" {\n  default = {\n    ops    = { actions = ["*"] }\n    reader = { actions = ["s3:GetObject"] }\n  }\n}\n'
    expect(
      await values(
        {
          names: '[for name, role in var.roles : upper(name)]',
          wild: '[for name, role in var.roles : name if contains(role.actions, "*")]',
          by_action: '{ for name, role in var.roles : role.actions[0] => name }',
          grouped: '{ for s in ["a", "b", "a"] : s => s... }',
          statements: '[for name, role in var.roles : { Effect = "Allow", Action = role.actions, Resource = "*" }]',
        },
        extra,
      ),
    ).toEqual({
      names: ['OPS', 'READER'],
      wild: ['ops'],
      by_action: { '*': 'ops', 's3:GetObject': 'reader' },
      grouped: { a: ['a', 'a'], b: ['b'] },
      statements: [
        { Effect: 'Allow', Action: ['*'], Resource: '*' },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
      ],
    })
    const unit = await evaluateModule({ 'main.tf': `${extra}resource "x" "y" {\n  actions = flatten([for r in var.roles : r.actions])\n  unknown = [for r in var.missing : r]\n}\n` })
    expect(lines(at(unit, 'x.y', 'actions'))).toEqual(['*@3', 's3:GetObject@4'])
    expect(at(unit, 'x.y', 'unknown')).toMatchObject({ kind: 'unknown' })
  })
})
