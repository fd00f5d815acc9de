import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readGivenInputs } from '../../src/action/given-inputs.js'

const workspace = mkdtempSync(join(tmpdir(), 'policygate-given-action-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

describe('the var-file, var, parameters and parameter inputs', () => {
  it('read files from the workspace, named relative to it, and split name=value lines', () => {
    mkdirSync(join(workspace, 'envs'))
    writeFileSync(join(workspace, 'envs/prod.tfvars'), 'actions = ["*"]\n')
    writeFileSync(join(workspace, 'params.json'), '{"Parameters": {"Env": "prod"}}')
    const given = readGivenInputs({ varFiles: ['envs/prod.tfvars'], vars: ['region=eu-west-1'], parameterFiles: ['./params.json'], parameters: ['Stage=live=1'] }, workspace)
    expect(given).toEqual({
      varFiles: [{ path: 'envs/prod.tfvars', text: 'actions = ["*"]\n' }],
      vars: [{ name: 'region', value: 'eu-west-1' }],
      parameterFiles: [{ path: 'params.json', text: '{"Parameters": {"Env": "prod"}}' }],
      parameters: [{ key: 'Stage', value: 'live=1' }],
    })
  })

  it('refuse a file outside the workspace, and a line without a name', () => {
    expect(readGivenInputs({ varFiles: ['../outside.tfvars'], vars: [], parameterFiles: [], parameters: [] }, workspace)).toEqual({ error: 'Input var-file/var/parameters/parameter: cannot read the variables file ../outside.tfvars' })
    expect(readGivenInputs({ varFiles: [], vars: ['novalue'], parameterFiles: [], parameters: [] }, workspace)).toEqual({ error: 'Input var-file/var/parameters/parameter: expected name=value, got "novalue"' })
  })
})
