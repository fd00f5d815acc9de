import { describe, expect, test } from 'vitest'
import { bundledActionSuite, createRepo, pullFilesOf, pullRequestEvent, runAction } from '../e2e/github-server/harness.js'
import { FakeGitHub } from '../e2e/github-server/server.js'

/* The Action's `timeout` and `max-file-size` inputs, through the bundled Action against the local GitHub server. */

const OWNER = 'acme'
const REPO = 'infra'
const PR = 9

const admin = (name: string, padding = 0) => `resource "aws_iam_policy" "${name}" {
  name   = "${name}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
${'#'.repeat(padding)}
`

const bundled = bundledActionSuite()
const { cleanups } = bundled

async function pullRequestRun(inputs: Record<string, string>) {
  const repo = createRepo({ 'README.md': '# infra\n' }, { 'infra/big.tf': admin('big', 4000), 'infra/small.tf': admin('small') })
  const github = new FakeGitHub(bundled.api, OWNER, REPO)
  const apiUrl = await github.start()
  github.addPull(PR, pullFilesOf(repo, repo.baseSha, repo.headSha))
  cleanups.push(() => github.stop(), () => repo.cleanup())
  const run = await runAction({
    actionJs: bundled.actionJs,
    workspace: repo.workspace,
    apiUrl,
    eventName: 'pull_request',
    event: pullRequestEvent({ owner: OWNER, repo: REPO, number: PR, baseSha: repo.baseSha, headSha: repo.headSha, fork: false }),
    sha: repo.mergeSha,
    repository: `${OWNER}/${REPO}`,
    inputs: { 'fail-on': 'none', ...inputs },
  })
  return { run, github }
}

const ruleIds = (sarif: { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }) =>
  sarif.runs[0]!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.ruleId}`).sort()

describe('the bundled Action', () => {
  test('max-file-size: a larger file is reported and not parsed, the other files are', async () => {
    const { run, github } = await pullRequestRun({ 'max-file-size': '0.002' })
    expect(github.violations).toEqual([])
    expect(run.stderr).not.toMatch(/internal error/)
    const found = ruleIds(run.sarif)
    expect(found).toContain('infra/big.tf policygate/parse-error')
    expect(found).toContain('infra/small.tf iam/full-admin')
    expect(found).not.toContain('infra/big.tf iam/full-admin')
  }, 120_000)

  test('timeout: a scan out of time fails the check even with fail-on none, naming what it did not scan', async () => {
    const { run, github } = await pullRequestRun({ timeout: '0.000001' })
    expect(github.violations).toEqual([])
    expect(run.outputs.conclusion).toBe('failure')
    expect(github.checkRuns.at(-1)).toMatchObject({ conclusion: 'failure' })
    expect(ruleIds(run.sarif)).toEqual(expect.arrayContaining(['infra/big.tf policygate/timeout', 'infra/small.tf policygate/timeout']))
  }, 120_000)

  test('an input that is not a positive number fails the step before scanning', async () => {
    const { run } = await pullRequestRun({ timeout: 'soon' })
    expect(run.code).not.toBe(0)
    expect(run.stdout + run.stderr).toMatch(/Input timeout must be a positive number, got "soon"/)
  }, 120_000)
})
