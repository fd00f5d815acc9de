import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtinRules as modelRules } from '../src/rules/index.js'
import { governanceRules } from '../src/rules/rulebook/index.js'
import { ESCALATION_METHODS_DOC, escalationMethodsMarkdown } from '../src/report/escalation-methods-doc.js'
import { ruleDocMarkdown, rulesIndexMarkdown } from '../src/report/rule-docs.js'
import { cisControlsByRule } from '../src/rulebook/index.js'
import { VERSION } from '../src/version.js'
import { REPO } from './helpers/cli.js'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort()
}

const builtinRules = [...modelRules, ...governanceRules]

describe('committed artefacts are fresh', () => {
  it('dist/ is exactly what `npm run build` produces from these sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'policygate-dist-'))
    const build = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), relative(REPO, out)], { cwd: REPO, encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
    const dist = join(REPO, 'dist')
    expect(filesUnder(dist), 'run `npm run build` and commit dist/').toEqual(filesUnder(out))
    for (const file of filesUnder(out)) {
      expect(readFileSync(join(dist, file)).equals(readFileSync(join(out, file))), `dist/${file} is stale: run \`npm run build\``).toBe(true)
    }
  })

  it('docs/rules/ matches the rule files (`npm run docs`)', async () => {
    const controls = await cisControlsByRule()
    const docs = join(REPO, 'docs/rules')
    expect(filesUnder(docs)).toEqual([...builtinRules.map((r) => `${r.id}.md`), 'README.md', ESCALATION_METHODS_DOC].sort())
    expect(readFileSync(join(docs, ESCALATION_METHODS_DOC), 'utf8')).toBe(escalationMethodsMarkdown())
    for (const rule of builtinRules) expect(readFileSync(join(docs, `${rule.id}.md`), 'utf8'), `${rule.id}: run \`npm run docs\``).toBe(ruleDocMarkdown(rule, controls.get(rule.id)))
    expect(readFileSync(join(docs, 'README.md'), 'utf8')).toBe(rulesIndexMarkdown(builtinRules))
  })

  it('the version matches package.json', () => {
    expect(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version).toBe(VERSION)
  })
})
