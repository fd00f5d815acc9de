import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scan } from '../../src/scan.js'
import { runCli } from '../helpers/cli.js'

/*
 * A byte-order mark and any line break (`\n`, `\r\n`, a lone `\r`) give the same findings at the
 * same lines and columns, in every format. Before, a BOM on a .tf.json file was a parse error and
 * CR-only YAML put findings on the wrong lines.
 */

const FILES: Record<string, string> = {
  'tf/main.tf': `variable "actions" {
  default = ["s3:GetObject"]
}

resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "*", "Resource": "*" }
  ]
}
EOF
}

resource "aws_iam_policy" "from_tfvars" {
  name = "from_tfvars"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`,
  'tf/terraform.tfvars': `# every action
actions = [
  "*",
]
`,
  'tfjson/main.tf.json': `{
  "resource": {
    "aws_iam_policy": {
      "admin": {
        "name": "admin",
        "policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
      }
    }
  }
}
`,
  'tfjson/terraform.tfvars.json': `{
  "unused": "x"
}
`,
  'cfn/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: |
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "*", "Resource": "*" }
          ]
        }
  Trust:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sts:AssumeRole
`,
  'cfn/template.json': `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Admin": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "*", "Resource": "*" }
          ]
        }
      }
    }
  }
}
`,
  'plan/plan.json': `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_iam_policy.admin",
          "mode": "managed",
          "type": "aws_iam_policy",
          "name": "admin",
          "values": {
            "name": "admin",
            "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"
          }
        }
      ]
    }
  }
}
`,
}

const roots: string[] = []
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

function written(eol: string, bom: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'policygate-encoding-'))
  roots.push(root)
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(root, dirname(path)), { recursive: true })
    writeFileSync(join(root, path), (bom ? '\uFEFF' : '') + text.replace(/\n/g, eol))
  }
  return root
}

async function findingsOf(root: string): Promise<string[]> {
  const result = await scan({ root, parseWorkers: 0 })
  return result.findings.map((f) => `${f.loc.file}:${f.loc.startLine}:${f.loc.startColumn ?? ''} ${f.ruleId} ${f.message}`)
}

describe('encodings', () => {
  it('plain files give the findings the variants are compared with', async () => {
    const plain = await findingsOf(written('\n', false))
    expect(plain.filter((f) => f.includes('policygate/parse-error'))).toEqual([])
    for (const file of ['tf/main.tf:11:', 'tf/terraform.tfvars:3:', 'tfjson/main.tf.json:6:', 'cfn/template.yaml:10:', 'cfn/template.json:10:', 'plan/plan.json:13:']) {
      expect(plain.some((f) => f.startsWith(file) && f.includes('iam/full-admin')), file).toBe(true)
    }
    expect(plain.some((f) => f.startsWith('cfn/template.yaml:19:') && f.includes('iam/trust-public'))).toBe(true)
  })

  it.each([
    ['CRLF', '\r\n', false],
    ['CR only', '\r', false],
    ['a BOM', '\n', true],
    ['a BOM and CRLF', '\r\n', true],
    ['a BOM and CR only', '\r', true],
  ] as const)('%s: the same findings at the same lines and columns', async (_, eol, bom) => {
    expect(await findingsOf(written(eol, bom))).toEqual(await findingsOf(written('\n', false)))
  })

  it('the CLI frames the reported line of a CR-only file', () => {
    const root = written('\r', true)
    const run = runCli(['scan', 'cfn/template.yaml', '--fail-on', 'none', '--no-color'], { cwd: root })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/> 19 \|\s+Principal: "\*"/)
  })
})
