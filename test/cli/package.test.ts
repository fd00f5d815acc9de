import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../helpers/cli.js'
import { installPackedCheckout, type Installed } from './install.js'
import { PUBLIC_ROLE, tempRepo } from './temp-repo.js'

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }

describe('the npm package, packed and installed into a temporary prefix', () => {
  let installed: Installed
  beforeAll(() => {
    expect(existsSync(join(REPO, 'dist', 'cli.js')), 'run `npm run build`').toBe(true)
    installed = installPackedCheckout()
  }, 180_000)
  afterAll(() => installed?.cleanup())

  it('holds what runs and nothing else: the CLI bundle, its chunks, data and presets', () => {
    const { files } = installed
    for (const file of ['dist/cli.js', 'dist/parse-worker.js', 'dist/tree-sitter-terraform.wasm', 'policies/recommended.yml']) expect(files).toContain(file)
    expect(files.some((f) => f.startsWith('dist/iam-data/data/'))).toBe(true)
    expect(files.some((f) => f.startsWith('dist/chunks/'))).toBe(true)
    const outside = files.filter((f) => !/^(dist\/|policies\/(recommended|strict|cis-aws)\.yml$|package\.json$|README\.md$|LICENSE)/.test(f))
    expect(outside).toEqual([])
    expect(files.filter((f) => /^(src|test|examples|scripts)\//.test(f) || f === 'dist/action.js')).toEqual([])
  })

  it('the bundle starts with a shebang, so the linked command runs by itself', () => {
    expect(readFileSync(join(REPO, 'dist', 'cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })

  it('`policygate --version` runs from the installed package', () => {
    const run = spawnSync(installed.command, ['--version'], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^policygate ${version.replaceAll('.', '\\.')}\\n`))
  })

  it('`policygate scan .` from the installed package reads its presets and reports a finding', () => {
    const repo = tempRepo({ 'main.tf': PUBLIC_ROLE })
    try {
      const run = spawnSync(installed.command, ['scan', '.', '--rulebook', 'policygate:strict'], { encoding: 'utf8', cwd: repo, env: { ...process.env, NO_COLOR: '1' } })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(1)
      expect(run.stdout).toContain('main.tf')
      expect(run.stdout).toContain('iam/trust-public')
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })
})
