import { describe, expect, it } from 'vitest'
import { path, type Value } from '../../src/parse/value.js'
import { at, evaluateModule, lines, resource, shape } from './terraform-helpers.js'

function keyLines(value: Value | undefined): [string, number][] {
  return value?.kind === 'map' ? value.entries.map((e) => [e.key, e.keyLoc.startLine]) : []
}

describe('data "aws_iam_policy_document"', () => {
  const main = [
    'data "aws_iam_policy_document" "trust" {', //                   1
    '  statement {', //                                              2
    '    sid     = "Assume"', //                                     3
    '    actions = ["sts:AssumeRole"]', //                           4
    '    principals {', //                                           5
    '      type        = "AWS"', //                                  6
    '      identifiers = ["arn:aws:iam::111111111111:root"]', //     7
    '    }', //                                                      8
    '    principals {', //                                           9
    '      type        = "AWS"', //                                  10
    '      identifiers = ["arn:aws:iam::222222222222:root"]', //     11
    '    }', //                                                      12
    '    principals {', //                                           13
    '      type        = "Service"', //                              14
    '      identifiers = ["ec2.amazonaws.com"]', //                  15
    '    }', //                                                      16
    '    condition {', //                                            17
    '      test     = "StringEquals"', //                            18
    '      variable = "sts:ExternalId"', //                          19
    '      values   = ["abc"]', //                                   20
    '    }', //                                                      21
    '    condition {', //                                            22
    '      test     = "StringEquals"', //                            23
    '      variable = "aws:PrincipalOrgID"', //                      24
    '      values   = ["o-1"]', //                                   25
    '    }', //                                                      26
    '  }', //                                                        27
    '  statement {', //                                              28
    '    effect        = "Deny"', //                                 29
    '    not_actions   = ["iam:*"]', //                              30
    '    not_resources = ["arn:aws:iam::*:role/x"]', //              31
    '    not_principals {', //                                       32
    '      type        = "*"', //                                    33
    '      identifiers = ["*"]', //                                  34
    '    }', //                                                      35
    '  }', //                                                        36
    '}', //                                                          37
    'resource "aws_iam_role" "r" {', //                              38
    '  name               = "r"', //                                 39
    '  assume_role_policy = data.aws_iam_policy_document.trust.json', // 40
    '  minified           = data.aws_iam_policy_document.trust.minified_json', // 41
    '}', //                                                          42
  ].join('\n')

  it('becomes the policy JSON, every element at the HCL line that wrote it', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    const policy = at(unit, 'aws_iam_role.r', 'assume_role_policy')
    expect(policy.ref).toBe('data.aws_iam_policy_document.trust.json')
    expect(shape(policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Assume',
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'], Service: ['ec2.amazonaws.com'] },
          Condition: { StringEquals: { 'sts:ExternalId': ['abc'], 'aws:PrincipalOrgID': ['o-1'] } },
        },
        { Effect: 'Deny', NotAction: ['iam:*'], NotResource: ['arn:aws:iam::*:role/x'], NotPrincipal: '*' },
      ],
    })
    expect(lines(policy)).toEqual([
      '2012-10-17@1',
      'Assume@3',
      'Allow@2',
      'sts:AssumeRole@4',
      'arn:aws:iam::111111111111:root@7',
      'arn:aws:iam::222222222222:root@11',
      'ec2.amazonaws.com@15',
      'abc@20',
      'o-1@25',
      'Deny@29',
      'iam:*@30',
      'arn:aws:iam::*:role/x@31',
      '*@34',
    ])
    const first = path(policy, 'Statement')
    expect(first?.kind === 'list' && first.items.map((s) => s.loc.startLine)).toEqual([2, 28])
    expect(keyLines(path(policy, 'Statement.Principal'))).toEqual([['AWS', 6], ['Service', 14]])
    expect(keyLines(path(policy, 'Statement.Condition'))).toEqual([['StringEquals', 18]])
    expect(keyLines(path(policy, 'Statement.Condition.StringEquals'))).toEqual([['sts:ExternalId', 19], ['aws:PrincipalOrgID', 24]])
    expect(shape(at(unit, 'aws_iam_role.r', 'minified'))).toEqual(shape(policy))
  })

  it('is also kept as a data source with its HCL body', async () => {
    const unit = await evaluateModule({ 'main.tf': main })
    const data = resource(unit, 'data.aws_iam_policy_document.trust')
    expect(data).toMatchObject({ mode: 'data', type: 'aws_iam_policy_document', loc: { startLine: 1, endLine: 37 } })
    expect(shape(path(data.body, 'statement.principals'))).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] },
      { type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] },
      { type: 'Service', identifiers: ['ec2.amazonaws.com'] },
    ])
  })

  it('builds one statement from a dynamic statement block, its iterator unknown', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {', //               1
        '  dynamic "statement" {', //                            2
        '    for_each = var.statements', //                      3
        '    content {', //                                      4
        '      actions   = statement.value.actions', //          5
        '      resources = ["*"]', //                            6
        '    }', //                                              7
        '  }', //                                                8
        '}', //                                                  9
        'resource "aws_iam_policy" "p" {', //                    10
        '  policy = data.aws_iam_policy_document.d.json', //     11
        '}', //                                                  12
      ].join('\n'),
    })
    const policy = at(unit, 'aws_iam_policy.p', 'policy')
    expect(shape(policy)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '<unknown statement.value.actions>', Resource: ['*'] }] })
    expect(path(policy, 'Statement')).toMatchObject({ items: [{ loc: { startLine: 2 } }] })
    expect(path(policy, 'Statement.Resource')?.loc.startLine).toBe(6)
  })

  it('merges source and override documents as Terraform does: same Sid replaced in place, others appended', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'data "aws_iam_policy_document" "base" {', //            1
        '  statement {', //                                      2
        '    sid       = "Read"', //                             3
        '    actions   = ["s3:GetObject"]', //                   4
        '    resources = ["*"]', //                              5
        '  }', //                                                6
        '  statement {', //                                      7
        '    sid       = "Write"', //                            8
        '    actions   = ["s3:PutObject"]', //                   9
        '    resources = ["*"]', //                              10
        '  }', //                                                11
        '}', //                                                  12
        'data "aws_iam_policy_document" "merged" {', //          13
        '  source_policy_documents   = [data.aws_iam_policy_document.base.json]', // 14
        '  override_policy_documents = [local.override]', //     15
        '  statement {', //                                      16
        '    sid       = "Write"', //                            17
        '    actions   = ["s3:DeleteObject"]', //                18
        '    resources = ["*"]', //                              19
        '  }', //                                                20
        '  statement {', //                                      21
        '    actions   = ["s3:ListBucket"]', //                  22
        '    resources = ["*"]', //                              23
        '  }', //                                                24
        '}', //                                                  25
        'locals {', //                                           26
        '  override = jsonencode({', //                          27
        '    Statement = [{', //                                 28
        '      Sid      = "Read"', //                            29
        '      Effect   = "Deny"', //                            30
        '      Action   = "s3:GetObject"', //                    31
        '      Resource = "*"', //                               32
        '    }]', //                                             33
        '  })', //                                               34
        '}', //                                                  35
        'resource "aws_iam_policy" "p" {', //                    36
        '  policy = data.aws_iam_policy_document.merged.json', // 37
        '}', //                                                  38
      ].join('\n'),
    })
    const statements = path(at(unit, 'aws_iam_policy.p', 'policy'), 'Statement')
    expect(shape(statements)).toEqual([
      { Sid: 'Read', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'Write', Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['*'] },
    ])
    expect(statements?.kind === 'list' && statements.items.map((s) => s.loc.startLine)).toEqual([28, 16, 21])
  })

  it('never guesses around unknown source and override documents', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {', //               1
        '  source_policy_documents   = [var.source]', //         2
        '  override_policy_documents = [var.override]', //       3
        '  statement {', //                                      4
        '    sid     = "Named"', //                              5
        '    actions = ["s3:*"]', //                             6
        '  }', //                                                7
        '  statement {', //                                      8
        '    actions = ["sqs:*"]', //                            9
        '  }', //                                                10
        '}', //                                                  11
        'variable "source" {}', //                               12
        'variable "override" {}', //                             13
        'resource "aws_iam_policy" "p" {', //                    14
        '  policy = data.aws_iam_policy_document.d.json', //     15
        '}', //                                                  16
      ].join('\n'),
    })
    expect(shape(path(at(unit, 'aws_iam_policy.p', 'policy'), 'Statement'))).toEqual([
      '<unknown var.source>',
      '<unknown>',
      { Effect: 'Allow', Action: ['sqs:*'] },
      '<unknown var.override>',
    ])
  })

  it('reads source documents written as heredoc JSON with their own lines', async () => {
    const unit = await evaluateModule({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {', //               1
        '  source_policy_documents = [<<EOF', //                 2
        '{"Statement": [', //                                    3
        '  {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}', // 4
        ']}', //                                                 5
        'EOF', //                                                6
        '  ]', //                                                7
        '}', //                                                  8
        'resource "aws_iam_policy" "p" {', //                    9
        '  policy = data.aws_iam_policy_document.d.json', //     10
        '}', //                                                  11
      ].join('\n'),
    })
    expect(lines(path(at(unit, 'aws_iam_policy.p', 'policy'), 'Statement'))).toEqual(['Allow@4', 'ec2:*@4', '*@4'])
  })
})
