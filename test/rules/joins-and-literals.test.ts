import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultRulebook } from '../../src/rulebook/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

/** Scans a tree of files, the way a batch scan of a repository reads several templates and modules at once. */
async function scanTree(files: Record<string, string>): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), 'policygate-joins-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return (await scan({ root, rulebook: defaultRulebook() })).findings
}

const STAGE_TEMPLATE = `Resources:
  ShopApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ShopApi
      DeploymentId: dep123
      StageName: prod
`

const at = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.loc.file}:${f.loc.startLine}`)

describe('a WAF association protects only what it names', () => {
  it('a literal ARN for another stage, or an unresolved reference in another template, leaves a stage unprotected', async () => {
    const findings = await scanTree({
      'shop/api.yaml': STAGE_TEMPLATE,
      'other/literal.yaml': `Resources:
  TestAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/test
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
      'other/unresolved.yaml': `Parameters:
  StageArn:
    Type: String
Resources:
  SomeAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref StageArn
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
      'tf/main.tf': `resource "aws_wafv2_web_acl_association" "elsewhere" {
  resource_arn = var.stage_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666"
}

variable "stage_arn" {
  type = string
}
`,
    })
    expect(at(findings, 'apigw/no-waf')).toEqual(['shop/api.yaml:6'])
  })

  it('a literal ARN naming the stage, or an unresolved reference in the same template, makes it unknown there', async () => {
    const literal = await scanTree({
      'shop/api.yaml': STAGE_TEMPLATE,
      'other/literal.yaml': `Resources:
  ProdAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
    })
    expect(at(literal, 'apigw/no-waf')).toEqual([])
    const sameTemplate = await scanTree({
      'shop/api.yaml': `${STAGE_TEMPLATE}  ProdAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !ImportValue shared-stage-arn
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shared/0a1b2c3d-1111-2222-3333-444455556666
`,
    })
    expect(at(sameTemplate, 'apigw/no-waf')).toEqual([])
  })
})

describe('a literal secret is reported where it is written', () => {
  it('a parameter default that a credential property takes is reported at the Default, with the use as related location', async () => {
    const findings = await scanTree({
      'db.yaml': `Parameters:
  AdminLogin:
    Type: String
    Default: Tr0ub4dor&3
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      MasterUsername: app
      MasterUserPassword: !Ref AdminLogin
`,
    })
    const [credential, ...others] = findings.filter((f) => f.ruleId === 'secrets/hardcoded-credential')
    expect(others).toEqual([])
    expect(credential!.loc.startLine).toBe(4)
    expect(credential!.related?.map((r) => r.loc.startLine)).toEqual([12])
    expect(JSON.stringify(credential)).not.toContain('Tr0ub4dor')
  })

  it('a secret-named parameter whose default a credential takes is reported once, by the credential rule', async () => {
    const findings = await scanTree({
      'db.yaml': `Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Tr0ub4dor&3
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MasterUserPassword: !Ref DbPassword
`,
    })
    expect(findings.filter((f) => f.loc.startLine === 5).map((f) => f.ruleId)).toEqual(['secrets/hardcoded-credential'])
  })
})
