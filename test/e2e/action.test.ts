import { describe, expect, test } from 'vitest'
import { bundledActionSuite, createRepo, filesAt, sh, pullFilesOf, pullRequestEvent, pushToHead, runAction, type ActionRun, type RepoFixture } from './github-server/harness.js'
import { FakeGitHub } from './github-server/server.js'

const OWNER = 'acme'
const REPO = 'infra'
const PR = 7

const trail = (name: string, validation: 'true' | 'false' | undefined) => `  ${name}:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: ${name.toLowerCase()}-logs
      IsMultiRegionTrail: true
${validation === undefined ? '' : `      EnableLogFileValidation: ${validation}\n`}`
const template = (...trails: string[]) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${trails.join('\n')}`

/** Base: one good trail and one old bad one. Head: the good one turned bad, and a new template with a bad trail. */
const BASE = {
  'README.md': '# infra\n',
  'cfn/trails.yaml': template(trail('AuditTrail', 'true'), trail('LegacyTrail', 'false')),
}
const HEAD = {
  'cfn/trails.yaml': template(trail('AuditTrail', 'false'), trail('LegacyTrail', 'false')),
  'cfn/new/data-trail.yaml': template(trail('DataTrail', undefined)),
  'cfn/config.yaml': `Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: false
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties:
      S3BucketName: org-config
`,
}

function lineOf(text: string, needle: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0
  return text.slice(0, text.indexOf(needle, from)).split('\n').length
}

const RULE = 'trail/log-validation-disabled'
const LINE_AUDIT = lineOf(HEAD['cfn/trails.yaml'], 'EnableLogFileValidation: false')
const LINE_DATA = lineOf(HEAD['cfn/new/data-trail.yaml'], 'DataTrail:')

/** Other trail rules land over time; these tests follow the one example rule and check the rest by invariants. */
const aboutRule = <T extends { body: string }>(comments: T[]) => comments.filter((c) => c.body.includes(`\`${RULE}\``))
const where = (comments: { path: string; line: number }[]) => comments.map((c) => `${c.path}:${c.line}`).sort()
type ReportedFinding = { fingerprint: string; loc: { file: string; startLine: number } }
/** Lines holding findings: each gets one review comment and one annotation. */
const placesOf = (findings: ReportedFinding[]) => new Set(findings.map((f) => `${f.loc.file}:${f.loc.startLine}`)).size

const bundled = bundledActionSuite()
const { cleanups } = bundled

async function setup(headChanges: Record<string, string | null> = HEAD, base: Record<string, string> = BASE) {
  const repo = createRepo(base, headChanges)
  const github = new FakeGitHub(bundled.api, OWNER, REPO)
  const apiUrl = await github.start()
  github.addPull(PR, pullFilesOf(repo, repo.baseSha, repo.headSha))
  cleanups.push(() => github.stop(), () => repo.cleanup())
  return { repo, github, apiUrl }
}

function runOnPull(repo: RepoFixture, apiUrl: string, heads: { headSha: string; mergeSha: string } = repo, inputs: Record<string, string> = {}, fork = false): Promise<ActionRun> {
  return runAction({
    actionJs: bundled.actionJs,
    workspace: repo.workspace,
    apiUrl,
    eventName: 'pull_request',
    event: pullRequestEvent({ owner: OWNER, repo: REPO, number: PR, baseSha: repo.baseSha, headSha: heads.headSha, fork }),
    sha: heads.mergeSha,
    repository: `${OWNER}/${REPO}`,
    inputs: { 'fail-on': 'medium', ...inputs },
  })
}

describe('the bundled Action on a pull request', () => {
  test('new findings: review comments on the changed lines, one summary comment, a failing check on the head commit', async () => {
    const { repo, github, apiUrl } = await setup()
    const run = await runOnPull(repo, apiUrl)
    console.log(`one PR run: ${Math.round(run.ms)} ms, ${github.requests.length} requests:\n${github.requests.map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n')}`)

    expect(github.violations).toEqual([])
    expect(run.stderr).not.toMatch(/internal error/)
    expect(run.code).toBe(1)
    const added = run.report.change.new as string[]
    const existing = run.report.change.existing as string[]
    const pull = github.pulls.get(PR)!
    expect(pull.reviews).toHaveLength(1)
    expect(pull.reviews[0]!.commit_id).toBe(repo.headSha)
    expect(where(aboutRule(pull.reviewComments))).toEqual([`cfn/new/data-trail.yaml:${LINE_DATA}`, `cfn/trails.yaml:${LINE_AUDIT}`])
    // A rule with a concrete fix: the comment spans exactly the fixed line and carries a GitHub suggested change.
    const recorder = pull.reviewComments.find((c) => c.body.includes('`config/recorder-incomplete`'))!
    expect(recorder).toMatchObject({ path: 'cfn/config.yaml', line: lineOf(HEAD['cfn/config.yaml'], 'IncludeGlobalResourceTypes') })
    expect(recorder.body).toContain('```suggestion\n        IncludeGlobalResourceTypes: true\n```')
    // Every new finding sits on an added line here, so each is in exactly one comment, one comment per line, and nothing else is commented.
    const markers = pull.reviewComments.flatMap((c) => [...c.body.matchAll(/policygate:fp=([0-9a-f]+)/g)].map((m) => m[1]))
    expect([...markers].sort()).toEqual([...added].sort())
    expect(new Set(where(pull.reviewComments)).size).toBe(pull.reviewComments.length)
    const body = aboutRule(pull.reviewComments).find((c) => c.path === 'cfn/trails.yaml')!.body
    expect(body).toMatch(/medium/)
    expect(body).toMatch(/\*\*Why:\*\*/)
    expect(body).toMatch(/\*\*Fix:\*\*/)
    expect(body).toMatch(/docs\/rules\/trail\/log-validation-disabled\.md/)
    // Scannable: what is wrong on this line first, why and fix folded, the suggestion outside the fold.
    expect(body.split('\n')[0]).toMatch(/^🟨 \*\*medium\*\* · \*\*CloudTrail log file validation is off\*\* · \[`trail\/log-validation-disabled`\]/)
    expect(body.indexOf('**Why:**')).toBeGreaterThan(body.indexOf('<details>'))
    expect(recorder.body.indexOf('```suggestion')).toBeLessThan(recorder.body.indexOf('<details>'))
    // Most severe first in the review, and its text counts what it holds.
    const severities = pull.reviewComments.map((c) => /\*\*(critical|high|medium|low|info)\*\*/.exec(c.body)![1]!)
    const rank = ['critical', 'high', 'medium', 'low', 'info']
    expect(severities.map((s) => rank.indexOf(s))).toEqual([...severities.map((s) => rank.indexOf(s))].sort((a, b) => a - b))
    expect(pull.reviews[0]!.body).toMatch(new RegExp(`^\\*\\*policygate:\\*\\* ${added.length} new findings on this change \\(`))

    expect(pull.issueComments).toHaveLength(1)
    const summary = pull.issueComments[0]!.body
    expect(summary).toMatch(/<!-- policygate:summary -->/)
    expect(summary).toContain(`${added.length} new · ${existing.length} existing · 0 fixed`)
    expect(summary).toMatch(/LegacyTrail/)
    expect(existing.length).toBeGreaterThanOrEqual(1)
    // New findings in the open, existing ones folded under a heading that says what they are; the count rows add up.
    expect(summary.indexOf(`### New findings (${added.length})`)).toBeLessThan(summary.indexOf(`<details><summary>Existing findings (${existing.length}): already on the base branch</summary>`))
    expect(summary).toMatch(new RegExp(`\\| new \\| ${added.length} \\|`))
    expect(summary.indexOf('LegacyTrail')).toBeGreaterThan(summary.indexOf('Existing findings'))

    expect(github.checkRuns).toHaveLength(1)
    const check = github.checkRuns[0]!
    expect(check).toMatchObject({ name: 'policygate', head_sha: repo.headSha, status: 'completed', conclusion: 'failure' })
    expect(check.head_sha).not.toBe(repo.mergeSha)
    // One annotation per line holding findings.
    expect(check.output.annotations).toHaveLength(placesOf(run.report.findings))
    expect(check.output.title).toMatch(new RegExp(`^${added.length} new findings \\((\\d+ (critical|high|medium|low|info)(, )?)+\\) · ${existing.length} existing$`))
    const levels = check.output.annotations.map((a) => ['failure', 'warning', 'notice'].indexOf(a.annotation_level as string))
    expect(levels).toEqual([...levels].sort((a, b) => a - b))

    expect(run.outputs).toMatchObject({ findings: String(added.length + existing.length), 'new-findings': String(added.length), conclusion: 'failure' })
    expect(run.summary).toContain(`${added.length} new · ${existing.length} existing · 0 fixed`)
    expect(run.sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === RULE)).toHaveLength(3)
  })

  test('a re-run on the same head adds no comment, no review and no second summary comment', async () => {
    const { repo, github, apiUrl } = await setup()
    await runOnPull(repo, apiUrl)
    const pull = github.pulls.get(PR)!
    const commentsAfterFirst = pull.reviewComments.length
    expect(commentsAfterFirst).toBeGreaterThanOrEqual(2)
    const firstRunRequests = github.requests.length
    const second = await runOnPull(repo, apiUrl)
    expect(second.code).toBe(1)
    expect(github.violations).toEqual([])
    expect(pull.reviewComments).toHaveLength(commentsAfterFirst)
    expect(pull.reviews).toHaveLength(1)
    expect(pull.issueComments).toHaveLength(1)
    const secondRunWrites = github.requests.slice(firstRunRequests).filter((r) => r.method !== 'GET').map((r) => r.operationId)
    // The summary is the same, so it is left as it is; only the new check run is written.
    expect(secondRunWrites).toEqual(['checks/create'])
  })

  test('a finding fixed by a later push: its comment is marked fixed, the others stay, nothing is duplicated', async () => {
    const { repo, github, apiUrl } = await setup()
    await runOnPull(repo, apiUrl)
    const next = pushToHead(repo, { 'cfn/trails.yaml': template(trail('AuditTrail', 'true'), trail('LegacyTrail', 'false')) })
    github.pulls.get(PR)!.files = pullFilesOf(repo, repo.baseSha, next.headSha)
    const run = await runOnPull(repo, apiUrl, next)
    expect(github.violations).toEqual([])
    const pull = github.pulls.get(PR)!
    expect(pull.reviews).toHaveLength(1)
    const audit = aboutRule(pull.reviewComments).find((c) => c.path === 'cfn/trails.yaml')!
    expect(audit.body).toMatch(/Fixed/)
    expect(audit.body).toMatch(/<!-- policygate:fp=/)
    const stillOpen = pull.reviewComments.filter((c) => !c.body.includes('Fixed'))
    // The comments left open are exactly the findings still new on the new head.
    expect(stillOpen.flatMap((c) => [...c.body.matchAll(/policygate:fp=([0-9a-f]+)/g)].map((m) => m[1])).sort()).toEqual([...run.report.change.new].sort())
    expect(stillOpen.some((c) => c.path === 'cfn/trails.yaml')).toBe(false)
    expect(pull.issueComments).toHaveLength(1)
    expect(pull.issueComments[0]!.body).toContain(`${run.report.change.new.length} new ·`)
    expect(github.checkRuns.at(-1)!.head_sha).toBe(next.headSha)
  })

  test('three findings on one line: one review comment and one annotation; after one is fixed the comment is edited, not duplicated', async () => {
    const { repo, github, apiUrl } = await setup()
    await runOnPull(repo, apiUrl)
    const pull = github.pulls.get(PR)!
    const onDataTrail = () => pull.reviewComments.filter((c) => c.path === 'cfn/new/data-trail.yaml')
    expect(onDataTrail()).toHaveLength(1)
    const [comment] = onDataTrail()
    expect(comment!.line).toBe(LINE_DATA)
    const heldRules = (body: string) => [...body.matchAll(/\[`([a-z0-9-]+\/[a-z0-9-]+)`\]/g)].map((m) => m[1])
    expect(heldRules(comment!.body)).toEqual(['trail/log-validation-disabled', 'trail/not-encrypted', 'trail/no-cloudwatch-logs'])
    expect(comment!.body).toMatch(/^\*\*3 findings on this line\*\* \(2 medium, 1 low\)/)
    expect(comment!.body.match(/policygate:fp=/g)).toHaveLength(3)
    const annotationsHere = github.checkRuns[0]!.output.annotations.filter((a) => a.path === 'cfn/new/data-trail.yaml')
    expect(annotationsHere).toHaveLength(1)
    expect(annotationsHere[0]).toMatchObject({ start_line: LINE_DATA, annotation_level: 'warning' })
    expect(annotationsHere[0]!.title).toMatch(/^3 findings: trail\/log-validation-disabled, trail\/not-encrypted, trail\/no-cloudwatch-logs$/)

    const fixedTrail = HEAD['cfn/new/data-trail.yaml'].replace('      IsMultiRegionTrail: true\n', '      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n')
    const next = pushToHead(repo, { 'cfn/new/data-trail.yaml': fixedTrail })
    github.pulls.get(PR)!.files = pullFilesOf(repo, repo.baseSha, next.headSha)
    const writesBefore = github.requests.length
    await runOnPull(repo, apiUrl, next)
    expect(github.violations).toEqual([])
    expect(onDataTrail()).toHaveLength(1)
    const edited = onDataTrail()[0]!
    expect(edited.id).toBe(comment!.id)
    expect(heldRules(edited.body.split('✅')[0]!)).toEqual(['trail/not-encrypted', 'trail/no-cloudwatch-logs'])
    expect(edited.body).toMatch(/^\*\*2 findings on this line\*\* \(1 medium, 1 low\)/)
    expect(edited.body).toMatch(new RegExp(`✅ \\*\\*Fixed\\*\\* in ${next.headSha.slice(0, 7)}: ~~.*trail/log-validation-disabled.*~~`))
    expect(edited.body.match(/policygate:fp=/g)).toHaveLength(2)
    const edits = github.requests.slice(writesBefore).filter((r) => r.operationId === 'pulls/update-review-comment')
    expect(edits).toHaveLength(1)
  })

  test('a fork pull request (403 on every write): workflow annotations, full job summary, failing exit code, no crash', async () => {
    const { repo, github, apiUrl } = await setup()
    github.faults.readOnly = true
    const run = await runOnPull(repo, apiUrl, repo, {}, true)
    expect(github.violations).toEqual([])
    expect(run.stderr).not.toMatch(/internal error/)
    expect(run.code).toBe(1)
    const annotations = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line))
    // One annotation per line holding findings.
    expect(annotations).toHaveLength(placesOf(run.report.findings))
    // GitHub shows 10 warnings per step: the refused writes are logged, not annotated, so the findings' own warnings show.
    expect(run.stdout).not.toMatch(/^::warning::Could not/m)
    expect(run.stdout).toMatch(/Could not create the check run: HTTP 403/)
    expect(annotations.filter((a) => /title=[^,]*trail\/log-validation-disabled/.test(a)).map((a) => /file=([^,]+),line=(\d+)/.exec(a)!.slice(1).join(':')).sort()).toEqual(
      [`cfn/new/data-trail.yaml:${LINE_DATA}`, `cfn/trails.yaml:${LINE_AUDIT}`, `cfn/trails.yaml:${lineOf(HEAD['cfn/trails.yaml'], 'EnableLogFileValidation: false', 'LegacyTrail')}`].sort(),
    )
    for (const name of ['AuditTrail', 'LegacyTrail', 'DataTrail']) expect(run.summary).toContain(name)
    expect(run.summary).toMatch(/cannot write to this repository \(a pull request from a fork\)/)
    expect(run.outputs.conclusion).toBe('failure')
    expect(github.pulls.get(PR)!.reviewComments).toHaveLength(0)
  })

  test('a 502 on the review and the check run: retried, and the run completes', async () => {
    const { repo, github, apiUrl } = await setup()
    github.faults.failOnce = [
      { operationId: 'pulls/create-review', status: 502 },
      { operationId: 'checks/create', status: 502 },
    ]
    const run = await runOnPull(repo, apiUrl)
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    const statuses = (op: string) => github.requests.filter((r) => r.operationId === op).map((r) => r.status)
    expect(statuses('pulls/create-review')).toEqual([502, 200])
    expect(statuses('checks/create')).toEqual([502, 201])
    expect(where(aboutRule(github.pulls.get(PR)!.reviewComments))).toEqual([`cfn/new/data-trail.yaml:${LINE_DATA}`, `cfn/trails.yaml:${LINE_AUDIT}`])
    expect(github.checkRuns).toHaveLength(1)
  })

  test('150 changed files: every page of the files API is read and the finding in the last file is commented', async () => {
    const many: Record<string, string> = {}
    for (let i = 0; i < 149; i++) many[`docs/page-${String(i).padStart(3, '0')}.md`] = `page ${i}\n`
    many['zz/late-trail.yaml'] = template(trail('LateTrail', 'false'))
    const { repo, github, apiUrl } = await setup(many)
    expect(github.pulls.get(PR)!.files).toHaveLength(150)
    const run = await runOnPull(repo, apiUrl)
    expect(github.violations).toEqual([])
    const pages = github.requests.filter((r) => r.operationId === 'pulls/list-files')
    expect(pages).toHaveLength(2)
    const comments = github.pulls.get(PR)!.reviewComments
    expect(new Set(comments.map((c) => c.path))).toEqual(new Set(['zz/late-trail.yaml']))
    expect(where(aboutRule(comments))).toEqual([`zz/late-trail.yaml:${lineOf(many['zz/late-trail.yaml']!, 'EnableLogFileValidation')}`])
    const added = new Set(run.report.change.new)
    expect(comments).toHaveLength(placesOf(run.report.findings.filter((f: ReportedFinding) => added.has(f.fingerprint))))
  })

  test('a file the API lists without a patch: lines come from git diff, and the comment GitHub rejects (422) moves to the summary', async () => {
    const { repo, github, apiUrl } = await setup()
    const files = github.pulls.get(PR)!.files
    const big = files.find((f) => f.filename === 'cfn/new/data-trail.yaml')!
    delete big.patch
    const run = await runOnPull(repo, apiUrl)
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    const pull = github.pulls.get(PR)!
    expect(where(aboutRule(pull.reviewComments))).toEqual([`cfn/trails.yaml:${LINE_AUDIT}`])
    expect(pull.reviewComments.some((c) => c.path === 'cfn/new/data-trail.yaml')).toBe(false)
    expect(github.requests.filter((r) => r.operationId === 'pulls/create-review').map((r) => r.status)).toEqual([422])
    const rejected = github.requests.filter((r) => r.operationId === 'pulls/create-review-comment' && r.status === 422).length
    expect(rejected).toBeGreaterThanOrEqual(1)
    expect(pull.issueComments[0]!.body).toContain(`rejected ${rejected} review comment`)
    expect(pull.issueComments[0]!.body).toMatch(/data-trail\.yaml:3/)
  })
})

describe('the bundled Action without git history', () => {
  test('when git cannot fetch the base and head commits, their files come from the contents API', async () => {
    const { repo, github, apiUrl } = await setup()
    sh(repo.workspace, ['remote', 'remove', 'origin'])
    for (const sha of [repo.baseSha, repo.headSha]) {
      for (const [path, text] of Object.entries(filesAt(repo, sha))) github.contents.set(`${OWNER}/${REPO}/${path}@${sha}`, text)
    }
    const run = await runOnPull(repo, apiUrl)
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    expect(github.requests.some((r) => r.operationId === 'repos/get-content' && r.status === 200)).toBe(true)
    const pull = github.pulls.get(PR)!
    expect(where(aboutRule(pull.reviewComments))).toEqual([`cfn/new/data-trail.yaml:${LINE_DATA}`, `cfn/trails.yaml:${LINE_AUDIT}`])
    expect(pull.issueComments[0]!.body).toMatch(/read through the contents API/)
    expect(pull.issueComments[0]!.body).toMatch(/LegacyTrail/)
  })
})

describe('the bundled Action on workflow_dispatch', () => {
  test('scans the whole repository, writes SARIF and the job summary, checks the commit and fails per fail-on', async () => {
    const { repo, github, apiUrl } = await setup()
    const run = await runAction({
      actionJs: bundled.actionJs,
      workspace: repo.workspace,
      apiUrl,
      eventName: 'workflow_dispatch',
      event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: `${OWNER}/${REPO}` }, sender: { login: 'octocat' } },
      sha: repo.mergeSha,
      repository: `${OWNER}/${REPO}`,
      inputs: { 'fail-on': 'medium' },
    })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    expect(github.checkRuns).toHaveLength(1)
    expect(github.checkRuns[0]).toMatchObject({ head_sha: repo.mergeSha, conclusion: 'failure' })
    expect(github.checkRuns[0]!.output.annotations).toHaveLength(placesOf(run.report.findings))
    expect(run.sarif.version).toBe('2.1.0')
    expect(run.sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === RULE)).toHaveLength(3)
    expect(run.outputs.conclusion).toBe('failure')
    expect(run.summary).toContain(`${run.outputs.findings} finding`)
    expect(github.requests.some((r) => r.operationId?.startsWith('pulls/') || r.operationId?.startsWith('issues/'))).toBe(false)
    const passing = await runAction({
      actionJs: bundled.actionJs,
      workspace: repo.workspace,
      apiUrl,
      eventName: 'workflow_dispatch',
      event: { inputs: {}, ref: 'refs/heads/main' },
      sha: repo.mergeSha,
      repository: `${OWNER}/${REPO}`,
      inputs: { 'fail-on': 'high' },
    })
    expect(passing.code).toBe(0)
    expect(passing.outputs.conclusion).toBe('success')
  })
})

describe('the bundled Action on a Terraform pull request', () => {
  const MAIN_TF = `resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.actions
      Resource = "*"
    }]
  })
}
`
  const variables = (actions: string) => `variable "actions" {
  type    = list(string)
  default = ${actions}
}
`
  test('the module is scanned whole: a new default in variables.tf that widens a policy in unchanged main.tf is a new finding', async () => {
    const { repo, github, apiUrl } = await setup(
      { 'tf/app/variables.tf': variables('["*"]') },
      { 'README.md': '# infra\n', 'tf/app/main.tf': MAIN_TF, 'tf/app/variables.tf': variables('["s3:GetObject"]') },
    )
    const run = await runOnPull(repo, apiUrl, repo, { 'fail-on': 'high' })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    const comments = github.pulls.get(PR)!.reviewComments
    const admin = comments.find((c) => c.body.includes('`iam/full-admin`'))!
    expect(admin).toMatchObject({ path: 'tf/app/variables.tf', line: 3 })
    const summary = github.pulls.get(PR)!.issueComments[0]!.body
    // The permission delta computed against the base commit's model leads the summary.
    expect(summary).toMatch(/### Access this change widens\n\n- \[tf\/app\/variables\.tf:3\]/)
    // Under it, one line per service with what it can newly do, by access level.
    expect(summary).toMatch(/more actions than on the base branch\n {2}- [a-z0-9-]+: (List|Read|Write|Permissions management|Tagging) \(/)
    expect(summary.length).toBeLessThan(65_536)
    expect(github.checkRuns[0]).toMatchObject({ head_sha: repo.headSha, conclusion: 'failure' })
  })
})

describe('module calls in pull-request mode', () => {
  const ROLE_MODULE = `variable "name" {}

variable "managed_policy" {
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = var.managed_policy
}
`
  test('a changed root module is evaluated with the unchanged local module it calls; the finding is on the caller\'s changed line, related to the module\'s resource', async () => {
    const caller = 'module "ci" {\n  source         = "../../modules/role"\n  name           = "ci"\n  managed_policy = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n'
    const { repo, github, apiUrl } = await setup({ 'envs/prod/main.tf': caller }, { 'README.md': '# infra\n', 'modules/role/main.tf': ROLE_MODULE })
    const run = await runOnPull(repo, apiUrl, repo, { 'fail-on': 'high' })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    const comments = github.pulls.get(PR)!.reviewComments
    expect(comments.find((c) => c.body.includes('`iam/admin-managed-policy-attached`'))).toMatchObject({ path: 'envs/prod/main.tf', line: 4 })
    // The module is read, not reported as missing.
    const summary = github.pulls.get(PR)!.issueComments[0]!.body
    expect(summary).not.toMatch(/no Terraform files were found/)
  })
})

describe('the rulebook in pull-request mode', () => {
  const rulebook = (setting: string) => `extends: policygate:recommended\nrules:\n  trail/log-validation-disabled: ${setting}\n`

  test('a pull request that turns a rule off in its own rulebook is judged by the base rulebook, and the edit is a finding', async () => {
    const { repo, github, apiUrl } = await setup(
      { ...HEAD, '.github/policygate.yml': rulebook('off') },
      { ...BASE, '.github/policygate.yml': rulebook('high') },
    )
    const run = await runOnPull(repo, apiUrl, repo, { 'fail-on': 'high' })
    expect(github.violations).toEqual([])
    expect(run.code).toBe(1)
    const comments = github.pulls.get(PR)!.reviewComments
    expect(where(aboutRule(comments))).toEqual([`cfn/new/data-trail.yaml:${LINE_DATA}`, `cfn/trails.yaml:${LINE_AUDIT}`])
    expect(aboutRule(comments)[0]!.body).toMatch(/high/)
    const edit = comments.find((c) => c.body.includes('`rulebook/modified-in-change`'))
    expect(edit).toMatchObject({ path: '.github/policygate.yml' })
    expect(github.pulls.get(PR)!.issueComments[0]!.body).toContain(`Rulebook: \`.github/policygate.yml at ${repo.baseSha.slice(0, 7)}\``)
  })

  test('a central rulebook is read through the contents API with the Action token', async () => {
    const { repo, github, apiUrl } = await setup()
    github.contents.set('acme/policies/org/policygate.yml@v2', rulebook('critical'))
    const run = await runOnPull(repo, apiUrl, repo, { 'fail-on': 'critical', rulebook: 'acme/policies/org/policygate.yml@v2' })
    expect(github.violations).toEqual([])
    const fetched = github.requests.find((r) => r.operationId === 'repos/get-content')!
    expect([decodeURIComponent(fetched.path), fetched.status]).toEqual(['/repos/acme/policies/contents/org/policygate.yml', 200])
    expect(run.code).toBe(1)
    expect(aboutRule(github.pulls.get(PR)!.reviewComments)[0]!.body).toMatch(/critical/)
  })

  test('a broken rulebook fails the run with its position and exit code 2', async () => {
    const { repo, apiUrl } = await setup(HEAD, { ...BASE, '.github/policygate.yml': 'rules:\n  trail/log-validation-disabld: high\n' })
    const run = await runOnPull(repo, apiUrl)
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/::error::policygate: the rulebook is invalid:%0A\.github\/policygate\.yml:2:\d+/)
  })
})
