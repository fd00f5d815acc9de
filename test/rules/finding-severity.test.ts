import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultRulebook } from '../../src/rulebook/index.js'
import { builtinRules } from '../../src/rules/index.js'
import { runRules } from '../../src/rules/run.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'

async function scanTemplate(text: string): Promise<{ findings: Finding[]; model: Awaited<ReturnType<typeof scan>>['model'] }> {
  const root = mkdtempSync(join(tmpdir(), 'policygate-severity-'))
  try {
    writeFileSync(join(root, 'template.yaml'), text)
    return await scan({ root, rulebook: defaultRulebook() })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const policy = (statement: string, version = '') => `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
${version}        Statement:
${statement}`

describe('iam/invalid-policy: a severity that fits what is wrong', () => {
  it('a missing Version is info when the policy has no policy variables, high when it has', async () => {
    const plain = await scanTemplate(policy('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::app/*\n'))
    expect(plain.findings.filter((f) => f.ruleId === 'iam/invalid-policy').map((f) => f.severity)).toEqual(['info'])
    const variables = await scanTemplate(policy('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::home/${aws:username}/*\n'))
    const [broken] = variables.findings.filter((f) => f.ruleId === 'iam/invalid-policy')
    expect(broken?.severity).toBe('high')
    expect(broken?.message).toMatch(/literal/)
  })

  it('a rulebook that sets the rule severity sets it for every finding', async () => {
    const { model } = await scanTemplate(policy('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::app/*\n'))
    const rule = builtinRules.find((r) => r.id === 'iam/invalid-policy')!
    const { findings } = runRules(model, [{ rule, params: {}, severity: 'medium' }])
    expect(findings.map((f) => f.severity)).toEqual(['medium'])
  })

  it('execute-api:/… is valid in an API resource policy, not in an identity policy', async () => {
    const api = await scanTemplate(`Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/prod/GET/*
`)
    expect(api.findings.filter((f) => f.ruleId === 'iam/invalid-policy')).toEqual([])
    const identity = await scanTemplate(policy('          - Effect: Allow\n            Action: execute-api:Invoke\n            Resource: execute-api:/*\n', '        Version: "2012-10-17"\n'))
    expect(identity.findings.filter((f) => f.ruleId === 'iam/invalid-policy').map((f) => f.loc.startLine)).toEqual([10])
  })
})

describe('iam/unknown-action: high only where the ignored action leaves access open', () => {
  it('a misspelt action in a Deny is high, in an Allow medium', async () => {
    const { findings } = await scanTemplate(policy(
      '          - Effect: Allow\n            Action: s3:GetObjekt\n            Resource: arn:aws:s3:::app/*\n          - Effect: Deny\n            Action: s3:DeleteObjekt\n            Resource: arn:aws:s3:::app/*\n',
      '        Version: "2012-10-17"\n',
    ))
    expect(findings.filter((f) => f.ruleId === 'iam/unknown-action').map((f) => [f.loc.startLine, f.severity])).toEqual([[9, 'medium'], [12, 'high']])
  })
})
