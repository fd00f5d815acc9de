import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AwsModel } from '../../src/model/aws.js'
import { builtinRules } from '../../src/rules/index.js'
import type { Finding } from '../../src/rules/types.js'
import { scanExampleWithModel, type ExampleFramework } from '../helpers/examples.js'
import { planFromHcl, planText } from '../helpers/plan-from-hcl.js'
import { scan } from '../../src/scan.js'

/*
 * Policies are judged where they are written, once each, whoever holds them; principals the scan only
 * names (a literal, an ARN, a variable, a resource of another configuration) and IAM Identity Center
 * permission sets are principals of the model. The rules' own examples show each shape; these tests
 * pin what examples cannot: how many times a finding is made, and what the model holds.
 */

async function run(ruleId: string, code: string, framework: ExampleFramework = 'terraform'): Promise<{ findings: Finding[]; model: AwsModel }> {
  const rule = builtinRules.find((r) => r.id === ruleId)!
  const { findings, model } = await scanExampleWithModel(rule, framework, { code })
  return { findings: findings.filter((f) => f.ruleId === ruleId), model }
}

/** The plan `terraform show -json` prints for `hcl`, scanned as plan.json with one rule. */
async function runPlan(ruleId: string, hcl: string): Promise<{ findings: Finding[]; text: string }> {
  const rule = builtinRules.find((r) => r.id === ruleId)!
  const text = planText(await planFromHcl(hcl))
  const dir = mkdtempSync(join(tmpdir(), 'policygate-written-'))
  try {
    writeFileSync(join(dir, 'plan.json'), text)
    const rulebook = { source: 'test', rules: [{ rule, params: rule.params?.defaults ?? {}, severity: rule.severity }], apply: (found: Finding[]) => found }
    const result = await scan({ root: dir, rulebook })
    return { findings: result.findings.filter((f) => f.ruleId === ruleId), text }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const where = (findings: Finding[]) => findings.map((f) => `${f.loc.startLine} ${f.resource?.address}`)

const SHARED_DOCUMENT = `data "aws_iam_policy_document" "writer" {
  statement {
    actions   = ["iam:CreatePolicyVersion"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "a" {
  role   = "first"
  policy = data.aws_iam_policy_document.writer.json
}

resource "aws_iam_role_policy" "b" {
  role   = "second"
  policy = data.aws_iam_policy_document.writer.json
}

locals {
  writer = data.aws_iam_policy_document.writer.json
}

output "writer" {
  value = local.writer
}
`

describe('a policy written once is judged once', () => {
  it('a data source two resources attach (and a local and an output pass on) is one document, reported once at its lines', async () => {
    const { findings, model } = await run('iam/wildcard-resource-write', SHARED_DOCUMENT)
    expect(where(findings)).toEqual(['4 aws_iam_role_policy.a'])
    expect(model.policyDocuments.filter((d) => d.loc.startLine === 1)).toHaveLength(1)
    // Each role still holds it: what a principal may do is judged per principal.
    expect(model.iam.roles.map((r) => [r.meta.address, r.inlinePolicies.length, r.declaredElsewhere])).toEqual([['first', 1, true], ['second', 1, true]])
  })

  it('escalation is judged per principal holding the document, never for the document on its own', async () => {
    const { findings } = await run('iam/privilege-escalation', SHARED_DOCUMENT)
    expect(where(findings)).toEqual(['3 first', '3 second'])
  })

  it('the same on a plan: the data source read while planning (prior_state) is not judged again beside the resources that use it', async () => {
    const { findings } = await runPlan('iam/wildcard-resource-write', SHARED_DOCUMENT)
    expect(findings.map((f) => f.resource?.address)).toEqual(['aws_iam_role_policy.a'])
  })

  it('an unattached data source on a plan is judged in prior_state, where the plan holds its json', async () => {
    const code = SHARED_DOCUMENT.slice(0, SHARED_DOCUMENT.indexOf('resource "aws_iam_role_policy" "a"'))
    const { findings, text } = await runPlan('iam/wildcard-resource-write', code)
    expect(findings.map((f) => f.resource?.address)).toEqual(['data.aws_iam_policy_document.writer'])
    expect(text.split('\n')[findings[0]!.loc.startLine - 1]).toContain('"json"')
  })
})

describe('CloudFormation managed policies', () => {
  const policy = (roles: string) => `Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
  AdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:${roles}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`

  it('a policy attached to a role of the template and the same policy unattached are each reported once, at the statement', async () => {
    for (const roles of ['\n      Roles: [!Ref App]', '']) {
      const { findings } = await run('iam/full-admin', policy(roles), 'cloudformation')
      expect(where(findings)).toEqual([`${roles ? 19 : 18} AdminPolicy`])
    }
  })
})

describe('documents composed of documents', () => {
  it('a document merged into another as its source is judged there, not a second time on its own', async () => {
    const code = `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`
    const { findings } = await run('iam/full-admin', code)
    expect(where(findings)).toEqual(['4 data.aws_iam_policy_document.combined'])
  })
})

describe('policies written in locals and outputs', () => {
  const code = `locals {
  admin = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  tags  = { Statement = "not a policy" }
  used  = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }
}

output "reader" {
  value = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]
    }
  EOT
}

resource "aws_iam_policy" "used" {
  name   = "used"
  policy = jsonencode(local.used)
}
`

  it('each is judged at its own lines, once; a value that is not a policy is left alone', async () => {
    const { findings } = await run('iam/full-admin', code)
    expect(where(findings)).toEqual(['2 local.admin', '4 aws_iam_policy.used', '11 output.reader'])
  })
})

describe('principals the scan only names', () => {
  it('a variable without a value is one principal for every attachment that names it, known by the reference', async () => {
    const code = `variable "ops_group" {
  type = string
}

resource "aws_iam_group_policy_attachment" "admin" {
  group      = var.ops_group
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy" "extra" {
  group  = var.ops_group
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`
    const { findings, model } = await run('iam/admin-managed-policy-attached', code)
    expect(findings.map((f) => f.message)).toEqual(['AdministratorAccess is attached to group var.ops_group'])
    expect(model.iam.groups.map((g) => [g.meta.address, g.managedPolicies.length, g.inlinePolicies.length, g.declaredElsewhere])).toEqual([['var.ops_group', 1, 1, true]])
  })

  it('a role named by its ARN and by its name is one role: its policies escalate together', async () => {
    const code = `resource "aws_iam_role_policy" "pass" {
  role   = "arn:aws:iam::111122223333:role/builder"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_role_policy" "compute" {
  role   = "builder"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:RunInstances"], Resource = "*" }] })
}
`
    const { findings, model } = await run('iam/privilege-escalation', code)
    expect(model.iam.roles.map((r) => [r.name.value, r.inlinePolicies.length])).toEqual([['builder', 2]])
    expect(findings).toHaveLength(1)
    expect(findings[0]!.message).toMatch(/^Role can escalate privileges/)
  })

  it('a resource of another configuration (a reference to an undeclared block) is a principal, whichever attribute names it', async () => {
    const code = `resource "aws_iam_user_policy" "a" {
  user   = aws_iam_user.legacy.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_user_policy_attachment" "b" {
  user       = aws_iam_user.legacy.id
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`
    const { findings, model } = await run('iam/user-direct-policy', code)
    expect(model.iam.users.map((u) => u.meta.address)).toEqual(['aws_iam_user.legacy'])
    expect(where(findings)).toEqual(['1 aws_iam_user_policy.a', '6 aws_iam_user_policy_attachment.b'])
  })

  it('a role of this configuration that has no instance (count = 0) is not taken for one declared elsewhere', async () => {
    const code = `variable "create" {
  default = false
}

resource "aws_iam_role" "this" {
  count              = var.create ? 1 : 0
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.this[0].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`
    const { findings, model } = await run('iam/admin-managed-policy-attached', code)
    expect(model.iam.roles).toEqual([])
    expect(findings).toEqual([])
  })

  it('a principal declared elsewhere has no boundary the scan can see: the boundary rule leaves it alone', async () => {
    const code = `resource "aws_iam_role_policy_attachment" "x" {
  role       = "deployer"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "declared" {
  name               = "declared"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
`
    const rule = builtinRules.find((r) => r.id === 'iam/permissions-boundary-missing')!
    const { findings } = await scanExampleWithModel(rule, 'terraform', { code, params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundary' } })
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => f.resource?.address)).toEqual(['aws_iam_role.declared'])
  })

  it('one name in two templates is two principals: nothing says the stacks share an account', async () => {
    const template = (action: string) => `Resources:
  OpsPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ops
      Groups: [ops]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ${action}
            Resource: "*"
`
    const dir = mkdtempSync(join(tmpdir(), 'policygate-units-'))
    try {
      writeFileSync(join(dir, 'admin.yaml'), template('"*"'))
      writeFileSync(join(dir, 'escalating.yaml'), template('iam:CreatePolicyVersion'))
      const rule = builtinRules.find((r) => r.id === 'iam/privilege-escalation')!
      const { model, findings } = await scan({ root: dir, rulebook: { source: 'test', rules: [{ rule, params: {}, severity: rule.severity }], apply: (found: Finding[]) => found } })
      expect(model.iam.groups.map((g) => [g.meta.address, g.meta.loc.file, g.inlinePolicies.length])).toEqual([['ops', 'admin.yaml', 1], ['ops', 'escalating.yaml', 1]])
      // Merged with the administrator of the other template, the escalating group would not be reported.
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.loc.file}:${f.loc.startLine}`)).toEqual(['escalating.yaml:11'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('CloudFormation: a managed policy naming a user of another stack puts the policy on that user', async () => {
    const code = `Resources:
  CreateTestDBPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement: []
      Users:
        - TestUser
`
    const { findings, model } = await run('iam/user-direct-policy', code, 'cloudformation')
    expect(model.iam.users.map((u) => [u.meta.address, u.declaredElsewhere])).toEqual([['TestUser', true]])
    expect(findings.map((f) => `${f.loc.startLine} ${f.message}`)).toEqual(['9 Managed policy CreateTestDBPolicy attached to user TestUser: attach it to a group instead'])
  })
})

describe('IAM Identity Center permission sets', () => {
  it('Terraform: inline, AWS managed, customer managed (linked to the policy of the scan) and boundary resources join their set', async () => {
    const code = `resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })
}

resource "aws_ssoadmin_permission_set" "ops" {
  name         = "Ops"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_permission_set_inline_policy" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  inline_policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] })
}

resource "aws_ssoadmin_managed_policy_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_ssoadmin_customer_managed_policy_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  customer_managed_policy_reference {
    name = "deploy"
    path = "/"
  }
}

resource "aws_ssoadmin_permissions_boundary_attachment" "ops" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  permissions_boundary {
    managed_policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
  }
}
`
    const { model } = await run('iam/full-admin', code)
    expect(model.iam.permissionSets).toHaveLength(1)
    const set = model.iam.permissionSets[0]!
    expect(set.name.value).toBe('Ops')
    expect(set.declaredElsewhere).toBeUndefined()
    expect(set.inlinePolicies.map((d) => d.statements[0]!.actions![0]!.value)).toEqual(['ec2:Describe*'])
    expect(set.managedPolicies.map((a) => [a.policyArn.value, a.meta.address])).toEqual([['arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws_ssoadmin_managed_policy_attachment.ops']])
    expect(set.customerManagedPolicies.map((r) => [r.name.value, r.path.value, r.policy?.meta.address, r.loc.startLine])).toEqual([['deploy', '/', 'aws_iam_policy.deploy', 26]])
    expect([set.permissionsBoundary?.managedPolicyArn?.value, set.permissionsBoundary?.loc.startLine]).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess', 35])
  })

  it('CloudFormation: every kind of policy written on AWS::SSO::PermissionSet, the path defaulting to /', async () => {
    const code = `Resources:
  Ops:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Ops
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      InlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}'
      ManagedPolicies:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      CustomerManagedPolicyReferences:
        - Name: deploy
          Path: /team/
        - Name: elsewhere
      PermissionsBoundary:
        CustomerManagedPolicyReference:
          Name: boundary
`
    const { model } = await run('iam/full-admin', code, 'cloudformation')
    const set = model.iam.permissionSets[0]!
    expect(set.inlinePolicies.map((d) => d.statements[0]!.actions![0]!.value)).toEqual(['ec2:Describe*'])
    expect(set.managedPolicies.map((a) => [a.policyArn.value, a.loc.startLine])).toEqual([['arn:aws:iam::aws:policy/ReadOnlyAccess', 9]])
    expect(set.customerManagedPolicies.map((r) => [r.name.value, r.path.value, r.path.explicit])).toEqual([['deploy', '/team/', true], ['elsewhere', '/', false]])
    expect(set.permissionsBoundary?.customerManagedPolicy?.name.value).toBe('boundary')
  })

  it('a set named only by its ARN is one principal of its own, so its attachments are judged together', async () => {
    const code = `resource "aws_ssoadmin_managed_policy_attachment" "a" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_ssoadmin_permission_set_inline_policy" "b" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222"
  inline_policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`
    const { findings, model } = await run('iam/admin-managed-policy-attached', code)
    expect(model.iam.permissionSets.map((s) => [s.declaredElsewhere, s.managedPolicies.length, s.inlinePolicies.length])).toEqual([[true, 1, 1]])
    expect(findings.map((f) => f.message)).toEqual(['AdministratorAccess is attached to permission set arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222'])
  })
})
