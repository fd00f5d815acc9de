import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scan } from '../../src/scan.js'

describe('module calls', () => {
  it('a registry module is listed as unresolved at its source line; a local one is not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policygate-modules-'))
    writeFileSync(
      join(root, 'main.tf'),
      `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n\nmodule "local" {\n  source = "./modules/app"\n}\n`,
    )
    const { findings } = await scan({ root })
    const unresolved = findings.filter((f) => f.ruleId === 'policygate/unresolved')
    expect(unresolved.map((f) => [f.loc.startLine, f.message])).toEqual([
      [2, 'module.vpc: its source terraform-aws-modules/vpc/aws is outside the repository, so the resources it creates are not checked'],
    ])
  })
})
