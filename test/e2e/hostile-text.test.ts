import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { buildAction, createRepo, pullFilesOf, pullRequestEvent, runAction } from './github-server/harness.js'
import { OpenApi } from './github-server/openapi.js'
import { FakeGitHub } from './github-server/server.js'

/*
 * A pull request names a resource with Markdown, HTML, a mention, a line break that would start a heading
 * and terminal escape sequences. It must show as text: in comments and the check run, and in a terminal.
 */

const NAME = 'Evil``x @acme/security <img src=x onerror=alert(1)>\\n# Pwned \\e[2J\\e[31mred'
const SHOWN = 'Evil``x @acme/security <img src=x onerror=alert(1)> # Pwned red'
const TEMPLATE = `Resources:
  "${NAME}":
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`

const md = new MarkdownIt({ html: true })

describe('repository text in a terminal (bundled CLI)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygate-hostile-'))
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('escape sequences are stripped and the line break cannot start a line of its own', () => {
    const run = runCli(['scan', dir, '--fail-on', 'none', '--no-color'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/\u001b/)
    expect(run.stdout.split('\n').filter((line) => line.includes('Pwned'))).toEqual(expect.arrayContaining([`          in ${SHOWN}`]))
    expect(run.stdout).not.toMatch(/^# Pwned/m)
  })
})

describe('repository text in GitHub Markdown (bundled Action)', () => {
  let actionJs: string
  let cleanupBuild: () => void
  beforeAll(() => {
    const built = buildAction()
    actionJs = built.actionJs
    cleanupBuild = built.cleanup
  })
  afterAll(() => cleanupBuild?.())

  test('review comments, summary comment and check run show the name as code: no HTML, no mention, no heading', async () => {
    const repo = createRepo({ 'README.md': '# infra\n' }, { 'cfn/hostile.yaml': TEMPLATE })
    const github = new FakeGitHub(new OpenApi(), 'acme', 'infra')
    const apiUrl = await github.start()
    try {
      github.addPull(5, pullFilesOf(repo, repo.baseSha, repo.headSha))
      const run = await runAction({
        actionJs,
        workspace: repo.workspace,
        apiUrl,
        eventName: 'pull_request',
        event: pullRequestEvent({ owner: 'acme', repo: 'infra', number: 5, baseSha: repo.baseSha, headSha: repo.headSha }),
        sha: repo.mergeSha,
        repository: 'acme/infra',
      })
      expect(github.violations).toEqual([])
      expect(run.code).toBe(1)
      const pull = github.pulls.get(5)!
      const bodies = {
        'review comment': pull.reviewComments.map((c) => c.body),
        'summary comment': pull.issueComments.map((c) => c.body),
        'check run summary': github.checkRuns.map((c) => c.output.summary as string),
        'job summary': [run.summary],
      }
      for (const [where, list] of Object.entries(bodies)) {
        expect(list.length, where).toBeGreaterThan(0)
        for (const body of list) {
          const html = md.render(body)
          expect(html, where).not.toMatch(/<img/)
          expect(html, where).not.toMatch(/<h\d>[^<]*Pwned/)
          expect(html.replace(/<code>[^]*?<\/code>/g, ''), where).not.toMatch(/@acme\/security/)
          // The name is whole, inside one code span.
          expect([...html.matchAll(/<code>([^<]*(?:&lt;[^<]*)*)<\/code>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>'))).toContain(SHOWN)
          expect(body, where).not.toMatch(/\u001b/)
        }
      }
    } finally {
      await github.stop()
      repo.cleanup()
    }
  })
})
