import { describe, expect, it } from 'vitest'
import { modifiedInChange, suppressionLedger, withSuppressionGate } from '../../src/rulebook/index.js'
import { governanceRules } from '../../src/rules/rulebook/index.js'
import { fingerprint, scan } from '../../src/scan.js'
import type { ChangedFile } from '../../src/sources/changed-files.js'
import { load, tempRepo } from './helpers.js'

const RB = '.github/policygate.yml'
const NOW = new Date('2025-03-10T12:00:00Z')
const ADMIN = `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

/** What the Action does in a pull request: the rulebook from the base commit, both sides scanned with it. */
async function pullRequest(baseFiles: Record<string, string>, headFiles: Record<string, string>, changedFiles: ChangedFile[]) {
  const rulebook = await load(baseFiles)
  const baseRepo = tempRepo(baseFiles)
  const headRepo = tempRepo(headFiles)
  try {
    const suppressions = suppressionLedger({ base: fingerprint, head: fingerprint })
    const base = await scan({ root: baseRepo.dir, rulebook: withSuppressionGate(rulebook, suppressions.base), now: NOW })
    const head = await scan({ root: headRepo.dir, rulebook: withSuppressionGate(rulebook, suppressions.head), base: base.model, now: NOW })
    const full = await scan({ root: headRepo.dir, rulebook, now: NOW })
    const modified = modifiedInChange({ rulebook, changedFiles, base: base.model, head: head.model, refused: suppressions.refused })
    return { rulebook, head: full, findings: [...head.findings, ...modified], modified }
  } finally {
    baseRepo.cleanup()
    headRepo.cleanup()
  }
}

const changed = (path: string, status: ChangedFile['status'] = 'modified', start = 1): ChangedFile => ({ path, status, addedLines: [{ start, end: start }], hunks: [{ start, end: start }] })

describe('tamper-proof in pull-request mode', () => {
  it('a PR that disables a rule in its own rulebook is still judged by the base rulebook', async () => {
    const base = { [RB]: 'rules:\n  iam/full-admin: critical\n', 'main.tf': '' }
    const head = { [RB]: 'rules:\n  iam/full-admin: off\n', 'main.tf': ADMIN }
    const { findings } = await pullRequest(base, head, [changed(RB, 'modified', 2), changed('main.tf')])
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => [f.severity, f.suppressed])).toEqual([['critical', undefined]])
    const modified = findings.filter((f) => f.ruleId === 'rulebook/modified-in-change')
    expect(modified.map((f) => [f.loc.file, f.loc.startLine, f.severity])).toEqual([[RB, 2, 'high']])
    expect(modified[0]!.message).toContain('judged by the base branch\'s rulebook')
  })

  it('a PR that adds a waiver to the rulebook does not get it: the base rulebook has none', async () => {
    const waiver = 'waivers:\n  - rule: iam/full-admin\n    resource: aws_iam_policy.admin\n    reason: please\n'
    const { findings } = await pullRequest({ [RB]: 'rules: {}\n', 'main.tf': ADMIN }, { [RB]: waiver, 'main.tf': ADMIN }, [changed(RB, 'modified', 1)])
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(findings.filter((f) => f.ruleId === 'rulebook/modified-in-change')).toHaveLength(1)
  })

  it('a PR that adds an inline suppression gets rulebook/modified-in-change, and the suppression hides nothing before merge', async () => {
    const suppressed = `# policygate:ignore iam/full-admin temporary, for the migration\n${ADMIN}`
    const { findings, head } = await pullRequest({ 'main.tf': ADMIN }, { 'main.tf': suppressed }, [changed('main.tf')])
    expect(head.findings.find((f) => f.ruleId === 'iam/full-admin')!.suppressed?.kind).toBe('inline')
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.suppressed)).toEqual([undefined])
    expect(findings.filter((f) => f.ruleId === 'rulebook/modified-in-change').map((f) => [f.loc.startLine, f.resource?.address])).toEqual([[1, 'aws_iam_policy.admin']])
  })

  it('a suppression that was already on the base branch is honoured and not reported', async () => {
    const suppressed = `# policygate:ignore iam/full-admin break-glass, approved in SEC-142\n${ADMIN}`
    const moved = `\n\n${suppressed}`
    const { findings } = await pullRequest({ 'main.tf': suppressed }, { 'main.tf': moved }, [changed('main.tf')])
    expect(findings.filter((f) => f.ruleId === 'iam/full-admin').map((f) => f.suppressed?.kind)).toEqual(['inline'])
    expect(findings.filter((f) => f.ruleId === 'rulebook/modified-in-change')).toEqual([])
  })

  it('rule packs the rulebook names and a new rulebook at the default path count as rulebook files', async () => {
    const base = { [RB]: 'custom_rule_files: [policies/acme.yml]\n', 'policies/acme.yml': 'custom_rules: []\n' }
    const { modified } = await pullRequest(base, base, [changed('policies/acme.yml'), changed('policies/unrelated.yml', 'added'), changed('README.md')])
    expect(modified.map((f) => f.loc.file)).toEqual(['policies/acme.yml'])
    const none = await pullRequest({}, {}, [changed(RB, 'added')])
    expect(none.modified.map((f) => f.message)).toEqual([`This change adds ${RB}, which the rulebook is read from; it is judged by the base branch's rulebook, and the new one applies after merge`])
  })

  it('the governance rule examples hold: modified-in-change reports the added suppression line', async () => {
    const rule = governanceRules.find((r) => r.id === 'rulebook/modified-in-change')!
    for (const example of rule.examples.terraform!.bad) {
      const { modified } = await pullRequest({ 'main.tf': example.base! }, { 'main.tf': example.code }, [changed('main.tf')])
      expect(modified.map((f) => f.loc.startLine)).toEqual(example.lines)
    }
    for (const example of rule.examples.terraform!.good) {
      const { modified } = await pullRequest({ 'main.tf': example.base! }, { 'main.tf': example.code }, [changed('main.tf')])
      expect(modified).toEqual([])
    }
  })

  const admin = (name: string) => ADMIN.replace(/admin/g, name)
  const activeOf = (findings: { ruleId: string; resource?: { address: string }; suppressed?: unknown }[], rule = 'iam/full-admin') =>
    findings.filter((f) => f.ruleId === rule && !f.suppressed).map((f) => f.resource?.address).sort()

  it('a suppression moved from one resource to another hides neither there, and the move is reported at the new line', async () => {
    const note = '# policygate:ignore iam/full-admin break-glass, approved in SEC-142\n'
    const base = { 'main.tf': `${note}${admin('old')}\n${admin('other')}` }
    const head = { 'main.tf': `${admin('old')}\n${note}${admin('other')}` }
    const { findings, head: full } = await pullRequest(base, head, [changed('main.tf')])
    expect(activeOf(findings)).toEqual(['aws_iam_policy.old', 'aws_iam_policy.other'])
    const modified = findings.filter((f) => f.ruleId === 'rulebook/modified-in-change')
    expect(modified.map((f) => [f.loc.startLine, f.resource?.address])).toEqual([[head['main.tf'].split('\n').indexOf(note.trim()) + 1, 'aws_iam_policy.other']])
    expect(modified[0]!.details).toEqual([expect.stringMatching(/^iam\/full-admin at main\.tf:\d+/)])
    // A full scan of the same head honours it, as it honours every suppression with a reason.
    expect(activeOf(full.findings)).toEqual(['aws_iam_policy.old'])
  })

  it('a suppression already on the base hides only the findings it hid there: a finding the change adds under it counts', async () => {
    const note = '# policygate:ignore iam/* legacy account, approved in SEC-9\n'
    const base = { 'main.tf': `${note}${ADMIN}` }
    const widened = ADMIN.replace('Resource = "*" }]', 'Resource = "*" }, { Effect = "Allow", Action = "iam:*", Resource = "*" }]')
    const { findings } = await pullRequest(base, { 'main.tf': `${note}${widened}` }, [changed('main.tf', 'modified', 4)])
    const suppressed = findings.filter((f) => f.suppressed?.kind === 'inline').map((f) => f.ruleId)
    expect(suppressed).toContain('iam/full-admin')
    const newlyActive = findings.filter((f) => f.ruleId.startsWith('iam/') && !f.suppressed)
    expect(newlyActive.length).toBeGreaterThan(0)
    const modified = findings.filter((f) => f.ruleId === 'rulebook/modified-in-change')
    expect(modified).toHaveLength(1)
    expect(modified[0]!.loc.startLine).toBe(1)
    expect(modified[0]!.message).toMatch(/did not hide (this finding|these findings) at the base commit/)
    // Every finding it tried to hide is listed, those folded into a stronger one (its `also:` lines) included.
    const folded = newlyActive.flatMap((f) => (f.details ?? []).filter((d) => d.startsWith('also: ')))
    expect(modified[0]!.details).toHaveLength(newlyActive.length + folded.length)
  })

  it('rewording a suppression or extending its date is a new suppression: it hides nothing until merged', async () => {
    const base = { 'main.tf': `# policygate:ignore iam/full-admin migration until 2025-04-01\n${ADMIN}` }
    for (const edit of ['# policygate:ignore iam/full-admin migration, still going until 2025-04-01', '# policygate:ignore iam/full-admin migration until 2026-04-01']) {
      const { findings } = await pullRequest(base, { 'main.tf': `${edit}\n${ADMIN}` }, [changed('main.tf')])
      expect(activeOf(findings)).toEqual(['aws_iam_policy.admin'])
      expect(findings.filter((f) => f.ruleId === 'rulebook/modified-in-change').map((f) => f.loc.startLine)).toEqual([1])
    }
  })

  it('a CloudFormation Metadata suppression the change adds hides nothing; one on the base keeps working', async () => {
    const template = (metadata: string) => `Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
${metadata}    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`
    const metadata = '    Metadata:\n      policygate:\n        ignore:\n          - rule: iam/full-admin\n            reason: break-glass, SEC-142\n'
    const added = await pullRequest({ 'cfn.yaml': template('') }, { 'cfn.yaml': template(metadata) }, [changed('cfn.yaml', 'modified', 4)])
    expect(activeOf(added.findings)).toEqual(['Admin'])
    expect(added.modified.map((f) => [f.loc.file, f.loc.startLine])).toEqual([['cfn.yaml', 7]])
    const kept = await pullRequest({ 'cfn.yaml': template(metadata) }, { 'cfn.yaml': `# moved down\n${template(metadata)}` }, [changed('cfn.yaml')])
    expect(activeOf(kept.findings)).toEqual([])
    expect(kept.modified).toEqual([])
  })
})
