import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/extract/context.js'
import { readPolicyDocument, UNKNOWN_PRINCIPAL_TYPE } from '../../src/extract/policy-document.js'
import { emptyModel } from '../../src/model/aws.js'
import type { ResourceMeta } from '../../src/model/resource.js'
import { isUnknown } from '../../src/model/source.js'
import type { Value } from '../../src/parse/value.js'
import { heredoc, valueOf } from '../helpers/values.js'

const owner: ResourceMeta = { address: 'aws_iam_policy.app', sourceType: 'aws_iam_policy', loc: { file: 'main.tf', startLine: 1, endLine: 30 }, suppressions: [] }

function read(value: Value | undefined, kind: 'identity' | 'trust' | 'resource' = 'identity') {
  const context = createContext(emptyModel())
  const document = readPolicyDocument(value, kind, owner, context, kind === 'resource' ? 's3' : undefined)
  return { document, context }
}

const lines = (attrs: { loc: { startLine: number } }[] | undefined) => attrs?.map((a) => a.loc.startLine)

describe('readPolicyDocument from a map (jsonencode, CloudFormation object, policy-document output)', () => {
  const value = valueOf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "NotAction": "iam:*",
      "NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"],
      "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "222233334444"], "Service": "ec2.amazonaws.com" },
      "NotPrincipal": "*",
      "Condition": {
        "StringEquals": { "aws:PrincipalOrgID": "o-abc", "aws:SourceVpce": ["vpce-1", "vpce-2"] },
        "Bool": { "aws:SecureTransport": false }
      }
    }
  ]
}`, 'main.tf', 10)

  it('keeps every element with its own line', () => {
    const { document, context } = read(value)
    expect(context.diagnostics).toEqual([])
    expect(document?.version).toMatchObject({ value: '2012-10-17', loc: { startLine: 11 } })
    const [read0, deny] = document!.statements
    expect(read0).toMatchObject({ index: 0, sid: { value: 'Read', loc: { startLine: 14 } }, effect: { value: 'Allow', loc: { startLine: 15 } } })
    expect(read0!.actions?.map((a) => a.value)).toEqual(['s3:GetObject', 's3:ListBucket'])
    expect(lines(read0!.actions)).toEqual([16, 16])
    expect(read0!.resources).toMatchObject([{ value: '*', loc: { startLine: 17 } }])
    expect(read0!.loc).toMatchObject({ startLine: 13, endLine: 18 })
    expect(deny!.sid).toBeUndefined()
    expect(deny!.notActions).toMatchObject([{ value: 'iam:*', loc: { startLine: 21 } }])
    expect(deny!.notResources?.map((r) => r.value)).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::b'])
  })

  it('reads principals as typed entries and "*" as the wildcard type', () => {
    const deny = read(value).document!.statements[1]!
    expect(deny.principals?.map((p) => [p.type, p.value.value, p.value.loc.startLine])).toEqual([
      ['AWS', 'arn:aws:iam::111122223333:root', 23],
      ['AWS', '222233334444', 23],
      ['Service', 'ec2.amazonaws.com', 23],
    ])
    expect(deny.notPrincipals).toMatchObject([{ type: '*', value: { value: '*', loc: { startLine: 24 } } }])
  })

  it('reads each condition operator/key pair with its values and lines', () => {
    const conditions = read(value).document!.statements[1]!.conditions
    expect(conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value), c.loc.startLine])).toEqual([
      ['StringEquals', 'aws:PrincipalOrgID', ['o-abc'], 26],
      ['StringEquals', 'aws:SourceVpce', ['vpce-1', 'vpce-2'], 26],
      ['Bool', 'aws:SecureTransport', ['false'], 27],
    ])
    expect(conditions[0]!.operator.loc.startLine).toBe(26)
  })

  it('measures the document as AWS does: minified JSON length', () => {
    const small = valueOf('{\n  "Version": "2012-10-17",\n  "Statement": { "Effect": "Allow", "Action": "s3:Get Object", "Resource": "*" }\n}')
    expect(read(small).document?.size).toBe(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:Get Object', Resource: '*' } }).length)
  })

  it('accepts a single statement object and records the document in the model', () => {
    const single = valueOf('{ "Statement": { "Effect": "Allow", "Action": "*", "Resource": "*" } }')
    const { document, context } = read(single)
    expect(document?.statements).toHaveLength(1)
    expect(document?.version).toBeUndefined()
    expect(context.model.policyDocuments).toEqual([document])
  })

  it('marks a missing Effect as not explicit at the statement line, so it is never read as Allow', () => {
    const noEffect = valueOf('{\n  "Statement": [\n    {\n      "Action": "*"\n    }\n  ]\n}')
    const statement = read(noEffect).document!.statements[0]!
    expect(statement.effect).toMatchObject({ value: '', explicit: false, loc: { startLine: 3 } })
  })
})

describe('readPolicyDocument from JSON text', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole",\n    "Principal": {"Service": "lambda.amazonaws.com"}\n  }]\n}'

  it('maps a heredoc body to file lines through its text origin', () => {
    const { document } = read(heredoc(text, 'iam.tf', 20), 'trust')
    const statement = document!.statements[0]!
    expect(document!.kind).toBe('trust')
    expect(statement.effect.loc.startLine).toBe(24)
    expect(statement.actions![0]!.loc.startLine).toBe(25)
    expect(statement.principals).toMatchObject([{ type: 'Service', value: { value: 'lambda.amazonaws.com', loc: { startLine: 26 } } }])
    expect(document!.size).toBe(JSON.stringify(JSON.parse(text)).length)
  })

  it('pins every element to the string when its text cannot be mapped line by line (plan, Fn::Sub)', () => {
    const loc = { file: 'plan.json', startLine: 42, endLine: 42 }
    const { document } = read({ kind: 'string', value: text, loc })
    expect(document!.statements[0]!.actions![0]!.loc).toEqual(loc)
    expect(document!.statements[0]!.effect.value).toBe('Allow')
  })

  it('reports invalid JSON as a parse error at its line, and keeps an unknown document', () => {
    const broken = '{\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}'
    const { document, context } = read(heredoc(broken, 'iam.tf', 5))
    expect(document?.statements).toEqual([])
    expect(isUnknown(document?.unknown)).toBe(true)
    expect(context.diagnostics).toMatchObject([{ kind: 'parse-error', loc: { file: 'iam.tf', startLine: 8 } }])
    expect(context.diagnostics[0]!.message).toMatch(/aws_iam_policy\.app: invalid JSON/)
  })

  it('rejects JSON that is not an object', () => {
    const { context } = read({ kind: 'string', value: '["s3:*"]', loc: { file: 'main.tf', startLine: 3, endLine: 3 } })
    expect(context.diagnostics).toMatchObject([{ kind: 'parse-error', loc: { startLine: 3 } }])
  })
})

describe('readPolicyDocument with unknowns', () => {
  it('turns a whole unknown document into an unknown one, plus an unresolved diagnostic naming the owner and the reason', () => {
    const { document, context } = read({ kind: 'unknown', reason: 'variable without default', ref: 'var.policy', loc: { file: 'main.tf', startLine: 7, endLine: 7 } })
    expect(document).toMatchObject({ statements: [], unknown: { reason: 'variable without default', ref: 'var.policy' } })
    expect(document?.size).toBeUndefined()
    expect(context.diagnostics).toHaveLength(1)
    expect(context.diagnostics[0]).toMatchObject({ kind: 'unresolved', loc: { startLine: 7 } })
    expect(context.diagnostics[0]!.message).toContain('aws_iam_policy.app')
    expect(context.diagnostics[0]!.message).toContain('var.policy')
    expect(context.diagnostics[0]!.message).toContain('variable without default')
    expect(context.model.policyDocuments).toEqual([document])
  })

  it('keeps unknown pieces unknown: a whole list is one unknown entry, an element stays in place', () => {
    const value = valueOf(`{
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "@unknown(var.actions)",
      "Resource": ["arn:aws:s3:::a", "@unknown(aws_s3_bucket.b.arn)"],
      "Principal": { "AWS": "@unknown(var.accounts)" },
      "Condition": { "StringEquals": "@unknown(local.conditions)" }
    },
    "@unknown(var.extra_statement)"
  ]
}`)
    const { document, context } = read(value)
    const [known, opaque] = document!.statements
    expect(context.diagnostics).toEqual([])
    expect(known!.actions).toHaveLength(1)
    expect(known!.actions![0]!.value).toMatchObject({ ref: 'var.actions' })
    expect(known!.resources!.map((r) => isUnknown(r.value))).toEqual([false, true])
    expect(known!.principals).toHaveLength(1)
    expect(known!.principals![0]!.type).toBe('AWS')
    expect(isUnknown(known!.principals![0]!.value.value)).toBe(true)
    expect(known!.conditions).toHaveLength(1)
    expect(known!.conditions[0]!.operator.value).toBe('StringEquals')
    expect(isUnknown(known!.conditions[0]!.key.value)).toBe(true)
    expect(opaque!.effect.value === 'Allow').toBe(false)
    expect(isUnknown(opaque!.effect.value)).toBe(true)
    expect(opaque!.loc.startLine).toBe(10)
    expect(document!.size).toBeUndefined()
  })

  it('gives a whole unknown Principal one entry of the unknown type, never the wildcard', () => {
    const value = valueOf('{ "Statement": [{ "Effect": "Allow", "Principal": "@unknown(var.principal)", "Action": "s3:GetObject" }] }')
    const principals = read(value, 'resource').document!.statements[0]!.principals
    expect(principals).toHaveLength(1)
    expect(principals![0]!.type).toBe(UNKNOWN_PRINCIPAL_TYPE)
  })

  it('treats an unknown Statement list as an unknown document', () => {
    const { document, context } = read(valueOf('{ "Version": "2012-10-17", "Statement": "@unknown(var.statements)" }'))
    expect(document?.unknown?.ref).toBe('var.statements')
    expect(document?.version?.value).toBe('2012-10-17')
    expect(context.diagnostics).toMatchObject([{ kind: 'unresolved' }])
  })

  it('returns nothing for an absent or null value', () => {
    expect(read(undefined).document).toBeUndefined()
    const { document, context } = read({ kind: 'null', loc: owner.loc })
    expect(document).toBeUndefined()
    expect(context.model.policyDocuments).toEqual([])
  })
})
