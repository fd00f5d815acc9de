import { describe, expect, it } from 'vitest'
import { HOLE } from '../../src/model/pattern.js'
import { at, evaluateModule } from './terraform-helpers.js'

// Patterns: the known text of a partly unknown string, each unknown run a HOLE.
const h = HOLE

describe('Terraform templates keep the known text of partly unknown strings', () => {
  const main = [
    'variable "account_id" {}', //                                                              1
    'variable "env" {}', //                                                                     2
    'locals {', //                                                                              3
    '  bucket = "${var.env}-logs"', //                                                          4
    '  role   = "deploy"', //                                                                   5
    '}', //                                                                                     6
    'data "aws_partition" "current" {}', //                                                     7
    'resource "aws_s3_bucket" "b" {}', //                                                       8
    'resource "aws_iam_role" "r" {', //                                                         9
    '  github   = "arn:aws:iam::${var.account_id}:oidc-provider/token.actions.githubusercontent.com"', // 10
    '  objects  = "arn:aws:s3:::${local.bucket}/*"', //                                         11
    '  attr     = "${aws_s3_bucket.b.arn}/*"', //                                               12
    '  root     = "arn:${data.aws_partition.current.partition}:iam::123456789012:root"', //     13
    '  two      = "arn:aws:iam::${var.account_id}:role/${var.env}-${local.role}"', //           14
    '  formatted = format("arn:aws:iam::%s:role/%s", var.account_id, lower("Deploy"))', //     15
    '  quoted   = format("name=%q", var.env)', //                                               16
    '  joined   = join(":", ["arn", data.aws_partition.current.partition, "iam", "", var.account_id, "root"])', // 17
    '  nested   = "${join("/", [var.env, "x"])}/${format("%s-y", var.env)}"', //              18
    '  bare     = "${var.env}${var.account_id}"', //                                            19
    '  single   = "${var.env}"', //                                                             20
    '  lowered  = lower("ARN:${var.env}")', //                                                  21
    '  compared = var.env == "prod" ? "a" : "b"', //                                            22
    '  listy    = join(",", var.account_id)', //                                                23
    '}', //                                                                                     24
  ].join('\n')

  it('a template with a variable keeps its text around the hole, and the reference when there is one hole', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role.r', 'github')).toMatchObject({
      kind: 'unknown',
      pattern: `arn:aws:iam::${h}:oidc-provider/token.actions.githubusercontent.com`,
      ref: 'var.account_id',
      loc: { startLine: 10 },
    })
    expect(at(unit, 'aws_iam_role.r', 'two')).toMatchObject({ kind: 'unknown', pattern: `arn:aws:iam::${h}:role/${h}-deploy` })
  })

  it('a local built from a template nests its pattern; resource and data references are holes', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role.r', 'objects')).toMatchObject({ kind: 'unknown', pattern: `arn:aws:s3:::${h}-logs/*` })
    expect(at(unit, 'aws_iam_role.r', 'attr')).toMatchObject({ kind: 'unknown', pattern: `${h}/*`, ref: 'aws_s3_bucket.b.arn' })
    expect(at(unit, 'aws_iam_role.r', 'root')).toMatchObject({ kind: 'unknown', pattern: `arn:${h}:iam::123456789012:root` })
  })

  it('format() and join() with unknown arguments, also nested in a template', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role.r', 'formatted')).toMatchObject({ kind: 'unknown', pattern: `arn:aws:iam::${h}:role/deploy` })
    // %q escapes its argument: only the quotes are known.
    expect(at(unit, 'aws_iam_role.r', 'quoted')).toMatchObject({ kind: 'unknown', pattern: `name="${h}"` })
    expect(at(unit, 'aws_iam_role.r', 'joined')).toMatchObject({ kind: 'unknown', pattern: `arn:${h}:iam::${h}:root` })
    expect(at(unit, 'aws_iam_role.r', 'nested')).toMatchObject({ kind: 'unknown', pattern: `${h}/x/${h}-y` })
  })

  it('gives no pattern when nothing is known, and never turns a pattern into a value', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    expect(at(unit, 'aws_iam_role.r', 'bare')).toEqual(expect.objectContaining({ kind: 'unknown' }))
    expect(at(unit, 'aws_iam_role.r', 'bare')).not.toHaveProperty('pattern')
    expect(at(unit, 'aws_iam_role.r', 'single')).not.toHaveProperty('pattern')
    // lower() would change the known text: the result is unknown as a whole.
    expect(at(unit, 'aws_iam_role.r', 'lowered')).not.toHaveProperty('pattern')
    expect(at(unit, 'aws_iam_role.r', 'compared')).toMatchObject({ kind: 'unknown' })
    expect(at(unit, 'aws_iam_role.r', 'listy')).not.toHaveProperty('pattern')
  })

  it('a string inside a JSON heredoc keeps its pattern', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'variable "bucket" {}', //                                   1
        'resource "aws_s3_bucket_policy" "b" {', //                  2
        '  policy = <<-EOF', //                                      3
        '    {', //                                                  4
        '      "Resource": "arn:aws:s3:::${var.bucket}/*",', //      5
        '      "Action": "s3:GetObject"', //                         6
        '    }', //                                                  7
        '  EOF', //                                                  8
        '}', //                                                      9
      ].join('\n'),
    })
    expect(at(unit, 'aws_s3_bucket_policy.b', 'policy.Resource')).toMatchObject({ kind: 'unknown', pattern: `arn:aws:s3:::${h}/*`, loc: { startLine: 5 } })
  })
})
