import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { PUBLIC_ROLE, TRAIL_WITHOUT_VALIDATION, tempRepo } from './temp-repo.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function repo(files: Record<string, string>): string {
  const dir = tempRepo(files)
  dirs.push(dir)
  return dir
}

const rules = (stdout: string) => (JSON.parse(stdout) as { findings: { ruleId: string; suppressed?: unknown }[] }).findings.filter((f) => !f.suppressed).map((f) => f.ruleId).sort()

describe('baselines (bundled CLI)', () => {
  it('--write-baseline records today’s findings; --baseline reports only new ones and counts entries that are gone', () => {
    const dir = repo({ 'trail.tf': TRAIL_WITHOUT_VALIDATION, 'role.tf': PUBLIC_ROLE })
    const written = runCli(['scan', '.', '--write-baseline', 'baseline.json', '--fail-on', 'none'], { cwd: dir })
    expect(written.code, written.stderr).toBe(0)
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { entries: { fingerprint: string; ruleId: string }[] }
    expect(baseline.entries.map((e) => e.ruleId)).toContain('iam/trust-public')
    expect(baseline.entries.every((e) => /^[0-9a-f]{32}$/.test(e.fingerprint))).toBe(true)

    // Nothing new: exit 0 at the default --fail-on high, though the public role is still there.
    const same = runCli(['scan', '.', '--baseline', 'baseline.json'], { cwd: dir })
    expect(same.code, same.stdout + same.stderr).toBe(0)
    expect(same.stdout).toContain(`Baseline baseline.json: ${baseline.entries.length} known finding(s) not reported; 0 baseline entries are gone`)

    // The role is fixed (removed) and a new problem appears in another file.
    rmSync(join(dir, 'role.tf'))
    writeFileSync(join(dir, 'new.tf'), PUBLIC_ROLE.replaceAll('"open"', '"wide"'))
    const next = runCli(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir })
    expect(next.code).toBe(1)
    expect(rules(next.stdout)).toEqual(['iam/trust-public'])
    const md = runCli(['scan', '.', '--baseline', 'baseline.json', '--format', 'markdown'], { cwd: dir })
    const goneFromRole = baseline.entries.filter((e) => (e as unknown as { file: string }).file === 'role.tf').length
    expect(md.stdout).toMatch(new RegExp(`${goneFromRole} baseline entr(y is|ies are) gone`))
  })

  it('moving code up or down does not resurrect a baselined finding', () => {
    const dir = repo({ 'main.tf': `${TRAIL_WITHOUT_VALIDATION}\n${PUBLIC_ROLE}` })
    expect(runCli(['scan', '.', '--write-baseline', 'b.json', '--fail-on', 'none'], { cwd: dir }).code).toBe(0)
    writeFileSync(join(dir, 'main.tf'), `# moved\n\nlocals {\n  x = 1\n}\n\n${PUBLIC_ROLE}\n\n\n${TRAIL_WITHOUT_VALIDATION}`)
    const moved = runCli(['scan', '.', '--baseline', 'b.json', '--format', 'json', '--fail-on', 'info'], { cwd: dir })
    expect(rules(moved.stdout)).toEqual([])
    expect(moved.code).toBe(0)
    // A second copy of a known problem is new.
    writeFileSync(join(dir, 'main.tf'), `${TRAIL_WITHOUT_VALIDATION}\n${PUBLIC_ROLE}\n${PUBLIC_ROLE.replaceAll('"open"', '"open2"')}`)
    expect(rules(runCli(['scan', '.', '--baseline', 'b.json', '--format', 'json'], { cwd: dir }).stdout)).toEqual(['iam/trust-public'])
  })

  it('a missing or foreign baseline file is a usage error', () => {
    const dir = repo({ 'main.tf': TRAIL_WITHOUT_VALIDATION, 'other.json': '{"a":1}' })
    expect(runCli(['scan', '.', '--baseline', 'nope.json'], { cwd: dir }).code).toBe(2)
    const foreign = runCli(['scan', '.', '--baseline', 'other.json'], { cwd: dir })
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toContain('not a policygate baseline')
  })
})

describe('--skip-check (bundled CLI)', () => {
  it('leaves out a rule, or a whole area, in every format and in the exit status', () => {
    const dir = repo({ 'trail.tf': TRAIL_WITHOUT_VALIDATION, 'role.tf': PUBLIC_ROLE })
    const all = rules(runCli(['scan', '.', '--format', 'json'], { cwd: dir }).stdout)
    expect(all).toContain('iam/trust-public')
    expect(all).toContain('trail/log-validation-disabled')
    const skipped = runCli(['scan', '.', '--format', 'json', '--skip-check', 'iam/trust-public', '--skip-check', 'trail/*', '--fail-on', 'critical'], { cwd: dir })
    const left = rules(skipped.stdout)
    expect(left.filter((id) => id === 'iam/trust-public' || id.startsWith('trail/'))).toEqual([])
    expect(left.length).toBe(all.filter((id) => id !== 'iam/trust-public' && !id.startsWith('trail/')).length)
  })
})
