import { expect, it } from 'vitest'
import { scan } from '../../src/scan.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'

const REALWORLD = corpusPath('realworld')

describeWithCorpus(['realworld'], 'real-world Terraform and CloudFormation', () => {
  it('every valid file parses: no parse errors, no rule crashes, templates and modules found', async () => {
    const result = await scan({ root: REALWORLD })
    const problems = result.findings.filter((f) => f.ruleId === 'policygate/parse-error' || f.ruleId === 'policygate/rule-error')
    expect(problems.map((f) => `${f.loc.file}:${f.loc.startLine} ${f.ruleId} ${f.message}`)).toEqual([])
    const tf = result.files.filter((f) => f.endsWith('.tf'))
    const templates = result.files.filter((f) => f.startsWith('cloudformation/'))
    expect(tf.length).toBeGreaterThanOrEqual(190)
    expect(templates.length).toBeGreaterThanOrEqual(250)
    // Non-CloudFormation YAML/JSON (workflows, events, configs) is skipped without a word.
    expect(result.files.filter((f) => f.includes('/src/events/'))).toEqual([])
  })
})
