import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { scan } from '../../src/scan.js'
import { runCli } from '../helpers/cli.js'
import { buildAction, createRepo, pullFilesOf, pullRequestEvent, runAction } from './github-server/harness.js'
import { OpenApi } from './github-server/openapi.js'
import { FakeGitHub } from './github-server/server.js'

/*
 * A repository full of credentials, where findings quote them: in an element (a statement ID), a parse
 * error's snippet, a code frame, a detail line. Nothing that leaves the CLI or the Action may hold one.
 */

const KEY_ID = 'AKIAQ3EGRZ7LXMP4VN2T'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
const TOKEN = `IQoJb3JpZ2luX2VjEJr${'Hk3mQ9vL2pXz8Rt4Wn6Yb1Cd5Fg7Jh0Ks'.repeat(6)}`

const FILES: Record<string, string> = {
  'tf/policy.tf': `resource "aws_iam_policy" "leaky" {
  name   = "leaky"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "${KEY_ID}", Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::111122223333:role/fn"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "${KEY_ID}"
      AWS_SECRET_ACCESS_KEY = "${SECRET}"
      AWS_SESSION_TOKEN     = "${TOKEN}"
    }
  }
}
`,
  'tf/broken/main.tf': `resource "aws_iam_user" "u" {\n  name = "x" ${KEY_ID}${SECRET}\n}\n`,
  'cfn/param.yaml': `Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: "aws_access_key_id=${KEY_ID};aws_secret_access_key=${SECRET}"
`,
}

/** Any 12 characters of the secret or token, or the hidden middle of the key ID. */
function leaksIn(text: string): string[] {
  const windows = (s: string) => Array.from({ length: s.length - 11 }, (_v, i) => s.slice(i, i + 12))
  return [...new Set([...windows(SECRET), ...windows(TOKEN), KEY_ID.slice(8, 16)].filter((w) => text.includes(w)))]
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policygate-secrets-'))
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('secrets never leave the bundled CLI', () => {
  test('the pipeline itself carries them in findings (what the boundary has to catch)', async () => {
    const raw = await scan({ root: dir })
    expect(leaksIn(JSON.stringify(raw.findings))).not.toEqual([])
  })

  test.each(['text', 'json', 'sarif', 'markdown'])('--format %s', (format) => {
    const run = runCli(['scan', dir, '--format', format, '--fail-on', 'none'], { env: { NO_COLOR: '1' } })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/AKIAQ3EG\*+VN2T|AKIA…VN2T/)
    expect(leaksIn(run.stdout + run.stderr)).toEqual([])
  })
})

describe('secrets never leave the bundled Action', () => {
  let actionJs: string
  let cleanupBuild: () => void
  beforeAll(() => {
    const built = buildAction()
    actionJs = built.actionJs
    cleanupBuild = built.cleanup
  })
  afterAll(() => cleanupBuild?.())

  test('review comments, summary comment, check run, job summary, SARIF, JSON report and log hold none', async () => {
    const repo = createRepo({ 'README.md': '# infra\n' }, FILES)
    const github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
    const apiUrl = await github.start()
    try {
      github.addPull(3, pullFilesOf(repo, repo.baseSha, repo.headSha))
      const run = await runAction({
        actionJs,
        workspace: repo.workspace,
        apiUrl,
        eventName: 'pull_request',
        event: pullRequestEvent({ owner: 'acme', repo: 'infra', number: 3, baseSha: repo.baseSha, headSha: repo.headSha }),
        sha: repo.mergeSha,
        repository: 'acme/infra',
        inputs: { 'fail-on': 'critical' },
      })
      expect(github.violations).toEqual([])
      expect(run.code).toBe(1)
      const pull = github.pulls.get(3)!
      expect(pull.reviewComments.length).toBeGreaterThan(0)
      expect(github.checkRuns).toHaveLength(1)
      const sent = github.requests.map((r) => r.text).join('\n')
      expect(sent).toContain('AKIAQ3EG')
      for (const [where, text] of Object.entries({
        'requests to GitHub': sent,
        'job summary': run.summary,
        SARIF: JSON.stringify(run.sarif),
        'JSON report': JSON.stringify(run.report),
        log: run.stdout + run.stderr,
      })) expect(leaksIn(text), where).toEqual([])
    } finally {
      await github.stop()
      repo.cleanup()
    }
  })
})
