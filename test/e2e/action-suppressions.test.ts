import { describe, expect, test } from 'vitest'
import { bundledActionSuite, createRepo, pullFilesOf, pullRequestEvent, runAction } from './github-server/harness.js'
import { FakeGitHub } from './github-server/server.js'

/*
 * Suppressions are rulebook law: in a pull request only what the base commit already suppressed stays
 * hidden. Every suppression form, through the bundled Action against the OpenAPI-checked fake GitHub.
 */

const OWNER = 'acme'
const REPO = 'infra'
const PR = 9
const ADMIN_RULE = 'iam/full-admin'
const MODIFIED = 'rulebook/modified-in-change'
const NOTE = 'break-glass, approved in SEC-142'

const tfPolicy = (name: string, trailing = '') => `resource "aws_iam_policy" "${name}" {
  name   = "${name}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })${trailing}
}
`
const cfnPolicy = (name: string, { metadata = '', trailing = '' } = {}) => `  ${name}:
    Type: AWS::IAM::ManagedPolicy
${metadata}    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"${trailing}
            Resource: "*"
`
const template = (body: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${body}`
const metadata = `    Metadata:\n      policygate:\n        ignore:\n          - rule: ${ADMIN_RULE}\n            reason: ${NOTE}\n`

const jsonTemplate = (suppressed: boolean) => `{
  "Resources": {
    "Json": {
      "Type": "AWS::IAM::ManagedPolicy",
${suppressed ? `      "Metadata": { "policygate": { "ignore": [ { "rule": "${ADMIN_RULE}", "reason": "${NOTE}" } ] } },\n` : ''}      "Properties": {
        "PolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }
      }
    }
  }
}
`

/** The same six findings, each with no suppression or with one written in one of the six forms. */
function files(suppressed: boolean): Record<string, string> {
  const comment = suppressed ? `# policygate:ignore ${ADMIN_RULE} ${NOTE}\n` : ''
  const trailing = suppressed ? `  # policygate:ignore ${ADMIN_RULE} ${NOTE}` : ''
  return {
    'tf/above.tf': `${comment}${tfPolicy('above')}`,
    'tf/trailing.tf': tfPolicy('trailing', trailing),
    'cfn/above.yaml': template(`${comment ? `  ${comment}` : ''}${cfnPolicy('Above')}`),
    'cfn/trailing.yaml': template(cfnPolicy('Trailing', { trailing })),
    'cfn/metadata.yaml': template(cfnPolicy('Meta', { metadata: suppressed ? metadata : '' })),
    'cfn/metadata.json': jsonTemplate(suppressed),
  }
}

/** Where each form's suppression is written in `files(true)`. */
function suppressionLines(): string[] {
  const suppressed = files(true)
  return Object.entries(suppressed).map(([path, text]) => {
    const lines = text.split('\n')
    const index = path === 'cfn/metadata.yaml' ? lines.findIndex((l) => l.includes(`- rule: ${ADMIN_RULE}`)) : path.endsWith('.json') ? lines.findIndex((l) => l.includes('"rule"')) : lines.findIndex((l) => l.includes('policygate:ignore'))
    return `${path}:${index + 1}`
  }).sort()
}

const RESOURCES = ['aws_iam_policy.above', 'aws_iam_policy.trailing', 'Above', 'Trailing', 'Meta', 'Json']

const bundled = bundledActionSuite()
const { cleanups } = bundled

async function pullRequest(base: Record<string, string>, head: Record<string, string>, inputs: Record<string, string> = {}) {
  const repo = createRepo({ 'README.md': '# infra\n', ...base }, head)
  const github = new FakeGitHub(bundled.api, OWNER, REPO)
  const apiUrl = await github.start()
  github.addPull(PR, pullFilesOf(repo, repo.baseSha, repo.headSha))
  cleanups.push(() => github.stop(), () => repo.cleanup())
  const run = await runAction({
    actionJs: bundled.actionJs,
    workspace: repo.workspace,
    apiUrl,
    eventName: 'pull_request',
    event: pullRequestEvent({ owner: OWNER, repo: REPO, number: PR, baseSha: repo.baseSha, headSha: repo.headSha }),
    sha: repo.mergeSha,
    repository: `${OWNER}/${REPO}`,
    inputs: { 'fail-on': 'critical', ...inputs },
  })
  return { repo, github, apiUrl, run }
}

const activeAdmin = (sarif: any) =>
  sarif.runs[0].results.filter((r: any) => r.ruleId === ADMIN_RULE && !r.suppressions?.length).map((r: any) => r.properties.resource).sort()

describe('suppressions in a pull request (bundled Action)', () => {
  test.each([
    ['new findings, each hidden by the change that adds it', {}, {}],
    ['findings already on the base branch, gate: all', files(false), { gate: 'all' }],
  ])('every form the pull request adds hides nothing (%s): the findings gate, and each suppression is reported on its own line', async (_what, base, inputs) => {
    const { github, run } = await pullRequest(base, files(true), inputs)
    expect(github.violations).toEqual([])
    expect(run.stderr).not.toMatch(/internal error/)
    expect(run.code).toBe(1)
    expect(activeAdmin(run.sarif)).toEqual([...RESOURCES].sort())
    const check = github.checkRuns[0]!
    expect(check.conclusion).toBe('failure')
    // One annotation per line: a suppression written on the finding's own line shares its annotation.
    expect(check.output.annotations.filter((a) => a.title === `${ADMIN_RULE} (critical)` || (String(a.title).includes(ADMIN_RULE) && a.annotation_level === 'failure'))).toHaveLength(RESOURCES.length)
    const reported = github.pulls.get(PR)!.reviewComments.filter((c) => c.body.includes(`\`${MODIFIED}\``))
    expect(reported.map((c) => `${c.path}:${c.line}`).sort()).toEqual(suppressionLines())
    for (const comment of reported) expect(comment.body).toMatch(new RegExp(`adds a suppression of ${ADMIN_RULE}.*hides nothing until`))
    // The summary counts nothing as suppressed: none of them took effect.
    expect(github.pulls.get(PR)!.issueComments[0]!.body).not.toMatch(/suppressed or waived/)
  })

  test('suppressions already on the base branch keep hiding the same findings when the change moves their lines', async () => {
    const moved = Object.fromEntries(Object.entries(files(true)).map(([path, text]) => [path, path.endsWith('.tf') ? `# owned by the platform team\n\n${text}` : path.endsWith('.json') ? text.replace('{\n', '{\n  "Description": "moved",\n\n') : text.replace('Resources:\n', 'Description: moved\nResources:\n\n')]))
    const { github, run } = await pullRequest(files(true), moved)
    expect(github.violations).toEqual([])
    expect(run.code).toBe(0)
    expect(activeAdmin(run.sarif)).toEqual([])
    expect(run.sarif.runs[0].results.filter((r: any) => r.ruleId === ADMIN_RULE && r.suppressions?.[0]?.justification === NOTE)).toHaveLength(RESOURCES.length)
    expect(run.sarif.runs[0].results.filter((r: any) => r.ruleId === MODIFIED)).toEqual([])
    expect(github.checkRuns[0]!.conclusion).toBe('success')
  })

  test('a suppression the change moves to another resource hides neither, and is reported where it now stands', async () => {
    const base = { 'tf/main.tf': `# policygate:ignore ${ADMIN_RULE} ${NOTE}\n${tfPolicy('legacy')}\n${tfPolicy('fresh')}` }
    const head = { 'tf/main.tf': `${tfPolicy('legacy')}\n# policygate:ignore ${ADMIN_RULE} ${NOTE}\n${tfPolicy('fresh')}` }
    const { github, run } = await pullRequest(base, head)
    expect(run.code).toBe(1)
    expect(activeAdmin(run.sarif)).toEqual(['aws_iam_policy.fresh', 'aws_iam_policy.legacy'])
    const reported = github.pulls.get(PR)!.reviewComments.filter((c) => c.body.includes(`\`${MODIFIED}\``))
    expect(reported.map((c) => `${c.path}:${c.line}`)).toEqual([`tf/main.tf:${head['tf/main.tf'].split('\n').findIndex((l) => l.startsWith('# policygate')) + 1}`])
  })

  test('a full scan of the same head honours every form, as it always has', async () => {
    const { repo, github, apiUrl } = await pullRequest(files(false), files(true))
    const checksBefore = github.checkRuns.length
    const full = await runAction({
      actionJs: bundled.actionJs,
      workspace: repo.workspace,
      apiUrl,
      eventName: 'workflow_dispatch',
      event: { inputs: {}, ref: 'refs/heads/main' },
      sha: repo.mergeSha,
      repository: `${OWNER}/${REPO}`,
      inputs: { 'fail-on': 'critical' },
    })
    expect(github.violations).toEqual([])
    expect(activeAdmin(full.sarif)).toEqual([])
    expect(full.code).toBe(0)
    expect(github.checkRuns[checksBefore]!.conclusion).toBe('success')
  })
})
