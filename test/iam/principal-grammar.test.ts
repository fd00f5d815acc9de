import { describe, expect, it } from 'vitest'
import { hasWildcardAccount, isPublicPrincipal, principalAccount } from '../../src/iam/index.js'
import { UNTYPED_PRINCIPAL } from '../../src/model/policy.js'
import { attr } from '../../src/model/source.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'
import { tempRepo } from '../rulebook/helpers.js'

// A Principal is "*" or a map of principal types, and a principal ARN holds no wildcard. Anything else
// IAM rejects: reported by iam/invalid-policy at its line, and read as written, never as safer.

const at = { file: 'main.tf', startLine: 1, endLine: 1 }

async function scanFiles(files: Record<string, string>): Promise<Finding[]> {
  const repo = tempRepo(files)
  try {
    return (await scan({ root: repo.dir, parseWorkers: 0 })).findings
  } finally {
    repo.cleanup()
  }
}

const rulesAt = (findings: Finding[], ...ruleIds: string[]) => findings.filter((f) => ruleIds.includes(f.ruleId)).map((f) => `${f.loc.startLine} ${f.ruleId}`).sort()

const bucketPolicy = (principal: string) => `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
${principal}
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
`

describe('principal grammar', () => {
  it('reads a wildcard account as anyone, and an untyped entry as an AWS principal', () => {
    expect(hasWildcardAccount('arn:aws:iam::*:role/x')).toBe(true)
    expect(hasWildcardAccount('arn:aws:sts::1111222233?3:assumed-role/x/y')).toBe(true)
    expect(hasWildcardAccount('arn:aws:iam::111122223333:role/*')).toBe(false)
    expect(isPublicPrincipal({ type: 'AWS', value: attr('arn:aws:iam::*:root', at) })).toBe(true)
    expect(isPublicPrincipal({ type: UNTYPED_PRINCIPAL, value: attr('*', at) })).toBe(true)
    expect(isPublicPrincipal({ type: 'AWS', value: attr('arn:aws:iam::111122223333:role/*', at) })).toBe(false)
    expect(principalAccount({ type: UNTYPED_PRINCIPAL, value: attr('arn:aws:iam::444455556666:root', at) })).toBe('444455556666')
  })

  it('a Principal written as a list: invalid at its line, and its `*` is public', async () => {
    const findings = await scanFiles({ 'template.yaml': bucketPolicy('            Principal:\n              - arn:aws:iam::111122223333:root\n              - "*"') })
    expect(rulesAt(findings, 'iam/invalid-policy', 'resource-policy/public')).toEqual(['13 iam/invalid-policy', '14 resource-policy/public'])
    expect(findings.find((f) => f.ruleId === 'iam/invalid-policy')!.message).toMatch(/must be "\*" or a map of principal types/)
  })

  it('a principal ARN with a wildcard account: invalid at its line, and anyone to the resource-policy rules', async () => {
    const findings = await scanFiles({ 'template.yaml': bucketPolicy('            Principal:\n              AWS: arn:aws:iam::*:root') })
    expect(rulesAt(findings, 'iam/invalid-policy', 'resource-policy/public')).toEqual(['13 iam/invalid-policy', '13 resource-policy/public'])
    expect(findings.find((f) => f.ruleId === 'iam/invalid-policy')!.message).toMatch(/cannot hold a wildcard.*judged as anyone/)
  })

  it('a wildcard in the name of a named account: invalid, and judged as that account, not as anyone', async () => {
    const findings = await scanFiles({ 'template.yaml': bucketPolicy('            Principal:\n              AWS: arn:aws:iam::111122223333:role/*') })
    expect(rulesAt(findings, 'iam/invalid-policy', 'resource-policy/public')).toEqual(['13 iam/invalid-policy'])
    expect(findings.find((f) => f.ruleId === 'iam/invalid-policy')!.message).not.toMatch(/anyone/)
  })

  it('trust policies: a wildcard account may assume the role; an untyped foreign account is still foreign', async () => {
    const trust = (principal: string) => `resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = ${principal}
    }]
  })
}
`
    const wildcard = await scanFiles({ 'main.tf': trust('{ AWS = "arn:aws:iam::*:role/deployer" }') })
    expect(rulesAt(wildcard, 'iam/invalid-policy', 'iam/trust-public')).toEqual(['8 iam/invalid-policy', '8 iam/trust-public'])
    const listed = await scanFiles({ 'main.tf': trust('["arn:aws:iam::444455556666:root"]') })
    expect(rulesAt(listed, 'iam/invalid-policy', 'iam/trust-cross-account-no-external-id')).toEqual(['8 iam/invalid-policy', '8 iam/trust-cross-account-no-external-id'])
  })
})
