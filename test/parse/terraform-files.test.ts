import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseJsonValue } from '../../src/parse/json.js'
import { path } from '../../src/parse/value.js'
import { at, evaluateModule, lines, shape } from './terraform-helpers.js'

describe('file() and templatefile()', () => {
  // The module lives in infra/ of the fixture repository: paths are relative to it.
  const main = [
    'resource "aws_iam_policy" "admin" {', //                                             1
    '  policy = file("policies/admin.json")', //                                          2
    '  same   = file("${path.module}/policies/admin.json")', //                           3
    '}', //                                                                               4
    'resource "aws_s3_bucket_policy" "b" {', //                                           5
    '  policy  = templatefile("${path.root}/templates/bucket-policy.json.tpl", { bucket = "media" })', // 6
    '  unknown = templatefile("templates/bucket-policy.json.tpl", { bucket = aws_s3_bucket.b.id })', // 7
    '  missing = templatefile("templates/bucket-policy.json.tpl", {})', //               8
    '}', //                                                                               9
  ].join('\n')

  it('reads a file of the repository as a string positioned in that file', async () => {
    const unit = await evaluateModule({ 'infra/main.tf': main }, { dir: 'infra' })
    const policy = at(unit, 'aws_iam_policy.admin', 'policy')
    expect(policy).toMatchObject({ kind: 'string', loc: { file: 'infra/main.tf', startLine: 2 }, textOrigin: { file: 'infra/policies/admin.json', line: 1, column: 1 } })
    if (policy.kind !== 'string') throw new Error('expected a string')
    const json = parseJsonValue(policy.value, policy.textOrigin!)
    expect(path(json.value, 'Statement.Action')).toMatchObject({ value: '*', loc: { file: 'infra/policies/admin.json', startLine: 6 } })
    expect(shape(at(unit, 'aws_iam_policy.admin', 'same'))).toBe(policy.value)
  })

  it('substitutes known template variables and keeps the template file lines', async () => {
    const unit = await evaluateModule({ 'infra/main.tf': main }, { dir: 'infra' })
    const policy = at(unit, 'aws_s3_bucket_policy.b', 'policy')
    expect(policy).toMatchObject({ kind: 'string', loc: { file: 'infra/main.tf', startLine: 6 }, textOrigin: { file: 'infra/templates/bucket-policy.json.tpl', line: 1 } })
    if (policy.kind !== 'string') throw new Error('expected a string')
    const json = parseJsonValue(policy.value, policy.textOrigin!)
    expect(path(json.value, 'Statement.Resource')).toMatchObject({ value: 'arn:aws:s3:::media/*', loc: { startLine: 7 } })
  })

  it('leaves strings built from unknown template variables unknown, the rest of the JSON known', async () => {
    const unit = await evaluateModule({ 'infra/main.tf': main }, { dir: 'infra' })
    const policy = at(unit, 'aws_s3_bucket_policy.b', 'unknown')
    expect(shape(path(policy, 'Statement'))).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '<unknown>', Principal: '*' }])
    expect(lines(policy)).toEqual(['2012-10-17@2', 'Allow@5', 's3:GetObject@6', '*@8'])
    expect(at(unit, 'aws_s3_bucket_policy.b', 'missing').kind).toBe('unknown')
  })

  describe('outside the repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'policygate-outside-'))
    const repo = mkdtempSync(join(tmpdir(), 'policygate-repo-'))
    writeFileSync(join(outside, 'secret.json'), '{"secret": true}')
    mkdirSync(join(repo, 'infra'))
    symlinkSync(join(outside, 'secret.json'), join(repo, 'infra', 'link.json'))
    afterAll(() => {
      rmSync(outside, { recursive: true, force: true })
      rmSync(repo, { recursive: true, force: true })
    })

    it('refuses ../ escapes, absolute paths and symlinks that lead out, leaving the value unknown', async () => {
      const escape = join('..', '..', outside.slice(outside.lastIndexOf('/') + 1), 'secret.json')
      const unit = await evaluateModule(
        {
          'infra/main.tf': [
            'resource "x" "y" {',
            `  dotdot   = file("${escape}")`,
            `  absolute = file("${join(outside, 'secret.json')}")`,
            '  symlink  = file("link.json")',
            '  template = templatefile("link.json", {})',
            '}',
          ].join('\n'),
        },
        { root: repo, dir: 'infra' },
      )
      for (const name of ['dotdot', 'absolute', 'symlink', 'template']) {
        expect(at(unit, 'x.y', name), name).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/outside the repository/) })
      }
      expect(unit.diagnostics).toEqual([])
    })
  })
})
