import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { bundledActionSuite, createRepo, pullFilesOf, pullRequestEvent, runAction } from './github-server/harness.js'
import { FakeGitHub } from './github-server/server.js'

/*
 * A step after the scan throws. The top-level guard still publishes what was found — job summary, SARIF,
 * the check run concluded as failed — and the step exits non-zero, printing no path of the machine.
 */

const TRAIL = `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: trail-logs
      IsMultiRegionTrail: true
      EnableLogFileValidation: false
`

const bundled = bundledActionSuite()
const { cleanups } = bundled

/** A pull request adding one medium finding, judged with fail-on: critical, so the check run is first created as a success. */
async function runBroken(options: { inputs?: Record<string, string>; env?: Record<string, string> }) {
  const repo = createRepo({ 'README.md': '# infra\n' }, { 'cfn/trail.yaml': TRAIL })
  const github = new FakeGitHub(bundled.api, 'acme', 'infra')
  const apiUrl = await github.start()
  github.addPull(4, pullFilesOf(repo, repo.baseSha, repo.headSha))
  cleanups.push(() => github.stop(), () => repo.cleanup())
  const run = await runAction({
    actionJs: bundled.actionJs,
    workspace: repo.workspace,
    apiUrl,
    eventName: 'pull_request',
    event: pullRequestEvent({ owner: 'acme', repo: 'infra', number: 4, baseSha: repo.baseSha, headSha: repo.headSha }),
    sha: repo.mergeSha,
    repository: 'acme/infra',
    inputs: { 'fail-on': 'critical', ...options.inputs },
    env: options.env,
  })
  return { repo, github, run }
}

const trailResults = (sarif: any) => sarif.runs[0].results.filter((r: any) => r.ruleId === 'trail/log-validation-disabled')

describe('the Action when a step after the scan throws', () => {
  test('the job summary cannot be written: SARIF is still written, the check run is concluded as failed, the step exits 2', async () => {
    const unwritable = mkdtempSync(join(tmpdir(), 'policygate-summary-dir-'))
    cleanups.push(() => rmSync(unwritable, { recursive: true, force: true }))
    const { github, run, repo } = await runBroken({ env: { GITHUB_STEP_SUMMARY: unwritable } })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(2)
    expect(trailResults(run.sarif)).toHaveLength(1)
    expect(github.checkRuns).toHaveLength(1)
    expect(github.checkRuns[0]).toMatchObject({ head_sha: repo.headSha, status: 'completed', conclusion: 'failure' })
    expect(github.checkRuns[0]!.output.title).toMatch(/^Stopped early: \d+ finding/)
    expect(github.checkRuns[0]!.output.summary).toMatch(/trail\/log-validation-disabled/)
    expect(github.requests.filter((r) => r.operationId === 'checks/update').map((r) => r.status)).toEqual([200])
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!
    expect(error).toMatch(/^::error::policygate: internal error after the scan: .*EISDIR/)
    expect(error).not.toContain(unwritable)
    expect(error).not.toContain(tmpdir())
  })

  test('the SARIF path cannot be written: it goes to the runner temp directory, the job summary is not written twice', async () => {
    const { github, run } = await runBroken({ inputs: { 'sarif-file': 'README.md/policygate.sarif' } })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(2)
    expect(run.outputs['sarif-file']).toMatch(/policygate[/\\]policygate\.sarif$/)
    expect(trailResults(run.sarif)).toHaveLength(1)
    expect(run.summary.match(/## policygate/g)).toHaveLength(1)
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure' })
    expect(run.outputs.conclusion).toBe('failure')
  })
})
