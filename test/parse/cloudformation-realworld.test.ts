import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { parseTemplate } from '../../src/parse/cloudformation/index.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'

const corpus = corpusPath('realworld')

function documentsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) return documentsUnder(full)
    return /\.(ya?ml|json|template)$/.test(entry.name) ? [full] : []
  })
}

describeWithCorpus(['realworld'], 'the real-world corpus', () => {
  const files = documentsUnder(corpus).map((full) => ({ path: relative(corpus, full), text: readFileSync(full, 'utf8') }))
  const results = files.map((file) => ({ path: file.path, unit: parseTemplate(file) }))

  it('parses every template with zero parse errors', () => {
    const errors = results.flatMap(({ unit }) => unit?.diagnostics ?? []).map((d) => `${d.loc.file}:${d.loc.startLine} ${d.message}`)
    expect(errors).toEqual([])
    expect(results.filter(({ unit }) => unit).length).toBeGreaterThanOrEqual(290)
    expect(results.flatMap(({ unit }) => unit?.resources ?? []).length).toBeGreaterThan(2000)
  })

  it('skips YAML and JSON that is not CloudFormation quietly', () => {
    const skipped = results.filter(({ unit }) => !unit).map(({ path }) => path)
    expect(skipped).toContain('terraform/terraform-aws-vpc/.github/workflows/release.yml')
    expect(skipped).toContain('terraform/terraform-aws-iam/.pre-commit-config.yaml')
    expect(skipped).toContain('cloudformation/EKS/manifest.yml')
    expect(skipped.every((path) => !/\/(RainModules|IoT)\//.test(path))).toBe(true)
  })
})
