import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ESCALATION_METHODS, effectivePermissions, escalationPaths, everyPrincipal } from '../../src/iam/index.js'
import { builtinRules } from '../../src/rules/index.js'
import { scan, type ScanResult } from '../../src/scan.js'

// The AWS managed policies written as customer policies in Terraform: real-world shapes through the
// whole pipeline (parse → extract → iam), and which escalation methods each one allows.
const EXPECTED: Record<string, string[]> = {
  AdministratorAccess: ESCALATION_METHODS.map((m) => m.id),
  PowerUserAccess: [
    'lambda-update-code', 'lambda-update-configuration', 'glue-update-dev-endpoint', 'cloudformation-update-stack', 'sagemaker-notebook-url',
    'codebuild-start-build-override', 'ssm-send-command', 'ssm-start-session', 'ec2-instance-connect', 'assume-any-role',
    'ec2-user-data', 'ec2-launch-template-version',
  ],
  IAMFullAccess: [
    'create-policy-version', 'set-default-policy-version', 'attach-user-policy', 'attach-group-policy', 'attach-role-policy', 'put-user-policy',
    'put-group-policy', 'put-role-policy', 'create-access-key', 'create-login-profile', 'update-login-profile', 'add-user-to-group',
    'delete-role-permissions-boundary', 'delete-user-permissions-boundary',
  ],
  ReadOnlyAccess: [],
  SecurityAudit: [],
  AWSLambda_FullAccess: ['passrole-lambda-invoke', 'passrole-lambda-event-source', 'passrole-lambda-add-permission', 'lambda-update-code', 'lambda-update-configuration'],
  AmazonS3FullAccess: [],
}

let result: ScanResult

beforeAll(async () => {
  const rule = builtinRules.find((r) => r.id === 'iam/privilege-escalation')!
  const rulebook = { source: 'test', rules: [{ rule, params: {}, severity: rule.severity }], apply: (findings: ScanResult['findings']) => findings }
  result = await scan({ root: join(import.meta.dirname, '../fixtures/iam/managed-policies'), rulebook })
})

describe('AWS managed policies as customer policies', () => {
  it('parses all seven', () => {
    expect(result.model.iam.policies.map((p) => p.name.value).sort()).toEqual(Object.keys(EXPECTED).map((n) => `${n}-copy`).sort())
    expect(result.findings.filter((f) => f.ruleId.startsWith('policygate/'))).toEqual([])
  })

  for (const [name, methods] of Object.entries(EXPECTED)) {
    it(`${name} allows ${methods.length} escalation methods`, () => {
      const policy = everyPrincipal(result.model).find((p) => p.documents[0] === result.model.iam.policies.find((q) => q.name.value === `${name}-copy`)?.document)
      expect(policy).toBeDefined()
      const found = escalationPaths(effectivePermissions(result.model, policy!)).map((p) => p.method.id)
      expect(found.sort()).toEqual([...methods].sort())
    })
  }

  it('reports each non-administrator escalation at the line that grants it, one finding per granting element', () => {
    const lambda = result.findings.filter((f) => f.ruleId === 'iam/privilege-escalation' && f.loc.file === 'AWSLambda_FullAccess.tf')
    const methodNames = EXPECTED.AWSLambda_FullAccess!.map((id) => ESCALATION_METHODS.find((m) => m.id === id)!.name)
    for (const name of methodNames) expect(lambda.filter((f) => f.message.includes(name)), name).toHaveLength(1)
    const text = readFileSync(join(import.meta.dirname, '../fixtures/iam/managed-policies/AWSLambda_FullAccess.tf'), 'utf8')
    const passRoleLine = text.split('\n').findIndex((l) => l.includes('"iam:PassRole"')) + 1
    const passRole = lambda.find((f) => f.loc.startLine === passRoleLine)!
    expect(passRole.message).toContain('iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction')
    expect(passRole.related?.map((r) => r.message)).toEqual(expect.arrayContaining(['grants lambda:CreateFunction', 'grants lambda:InvokeFunction']))
    expect(new Set(lambda.map((f) => f.element)).size).toBe(lambda.length)
    expect(result.findings.some((f) => f.loc.file === 'AdministratorAccess.tf')).toBe(false)
  })
})
