import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../helpers/cli.js'
import { PUBLIC_ROLE, tempRepo } from './temp-repo.js'

/*
 * Installed as a user installs it: `npm pack`, then `npm install <tarball>` into a temporary prefix and
 * the `policygate` command npm links, run from another directory. The bundle imports no package at run
 * time; the declared dependencies are linked from this checkout's node_modules so the install needs
 * no network.
 */

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> }

function npm(args: string[], cwd: string) {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('the npm package', () => {
  let work: string
  let files: string[]
  let command: string

  beforeAll(() => {
    expect(existsSync(join(REPO, 'dist', 'cli.js')), 'run `npm run build`').toBe(true)
    work = mkdtempSync(join(tmpdir(), 'policygate-pack-'))
    const packed = npm(['pack', '--json', '--pack-destination', work], REPO)
    expect(packed.code, packed.stderr).toBe(0)
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
    files = info!.files.map((f) => f.path)
    const prefix = join(work, 'prefix')
    for (const name of Object.keys(pkg.dependencies)) {
      mkdirSync(dirname(join(prefix, 'node_modules', name)), { recursive: true })
      symlinkSync(join(REPO, 'node_modules', name), join(prefix, 'node_modules', name))
    }
    const installed = npm(['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, join(work, info!.filename)], work)
    expect(installed.code, installed.stderr).toBe(0)
    command = join(prefix, 'node_modules', '.bin', 'policygate')
  }, 180_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('holds what runs and nothing else: the CLI bundle, its chunks, data and presets', () => {
    expect(files).toContain('dist/cli.js')
    expect(files).toContain('dist/parse-worker.js')
    expect(files).toContain('dist/tree-sitter-terraform.wasm')
    expect(files).toContain('policies/recommended.yml')
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
    const run = spawnSync(command, ['--version'], { encoding: 'utf8', cwd: work })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^policygate ${pkg.version.replaceAll('.', '\\.')}\\n`))
  })

  it('`policygate scan .` from the installed package reads its presets and reports a finding', () => {
    const repo = tempRepo({ 'main.tf': PUBLIC_ROLE })
    try {
      const run = spawnSync(command, ['scan', '.', '--rulebook', 'policygate:strict'], { encoding: 'utf8', cwd: repo, env: { ...process.env, NO_COLOR: '1' } })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(1)
      expect(run.stdout).toContain('main.tf')
      expect(run.stdout).toContain('iam/trust-public')
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })
})
