import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scan } from '../../src/scan.js'

describe('module calls', () => {
  it('a registry module without terraform init, and a local folder without Terraform files, are unresolved at their source lines; a local module is read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policygate-modules-'))
    mkdirSync(join(root, 'modules/app'), { recursive: true })
    mkdirSync(join(root, 'modules/empty'), { recursive: true })
    writeFileSync(join(root, 'modules/app/main.tf'), 'variable "name" {\n  default = "app"\n}\n')
    writeFileSync(
      join(root, 'main.tf'),
      `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n\nmodule "local" {\n  source = "./modules/app"\n}\n\nmodule "empty" {\n  source = "./modules/empty"\n}\n`,
    )
    const { findings } = await scan({ root })
    const unresolved = findings.filter((f) => f.ruleId === 'policygate/unresolved')
    expect(unresolved.map((f) => [f.loc.startLine, f.message])).toEqual([
      [2, 'module.vpc: its source terraform-aws-modules/vpc/aws is not in the repository and no .terraform/modules/modules.json (terraform init) says where it was installed, so the resources it creates are not checked'],
      [11, 'module.empty: no Terraform files were found in modules/empty (its source ./modules/empty), so the resources it creates are not checked'],
    ])
  })
})
