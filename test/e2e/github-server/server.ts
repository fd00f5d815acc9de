import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OpenApi, type MatchedRoute } from './openapi.js'

/** A changed file as GitHub's PR files API lists it. */
export interface PullFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed'
  previous_filename?: string
  patch?: string
  additions: number
  deletions: number
  changes: number
}

export interface ReviewComment {
  id: number
  pull_request_review_id: number | null
  path: string
  line: number
  start_line: number | null
  side: string
  commit_id: string
  body: string
}

export interface IssueComment {
  id: number
  body: string
}

export interface CheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  output: { title?: string; summary?: string; annotations: Record<string, unknown>[] }
}

export interface RecordedRequest {
  method: string
  path: string
  operationId?: string
  status: number
  /** The request body as sent: what the Action told GitHub. */
  text: string
}

export interface Faults {
  /** Every write answers 403, as for a fork pull request's read-only token. */
  readOnly?: boolean
  /** Operations (by operationId) that answer this status the next time, once each. */
  failOnce?: { operationId: string; status: number }[]
}

export interface PullState {
  number: number
  files: PullFile[]
  reviews: { id: number; commit_id: string; body: string; event: string }[]
  reviewComments: ReviewComment[]
  issueComments: IssueComment[]
}

/**
 * A GitHub REST API on 127.0.0.1 that checks every request against GitHub's OpenAPI description
 * (an undocumented path, method, parameter or body is a violation the test fails on), keeps state,
 * rejects review comments off the diff with 422 as GitHub does, and injects faults.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  readonly violations: string[] = []
  readonly pulls = new Map<number, PullState>()
  readonly checkRuns: CheckRun[] = []
  /** Files of any repository for the contents API, keyed `owner/repo/path@ref` (central rulebooks). */
  readonly contents = new Map<string, string>()
  faults: Faults = {}
  private nextId = 1000
  private server?: Server

  constructor(
    private readonly api: OpenApi,
    readonly owner: string,
    readonly repo: string,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  addPull(number: number, files: PullFile[]): PullState {
    const pull = { number, files, reviews: [], reviewComments: [], issueComments: [] }
    this.pulls.set(number, pull)
    return pull
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const text = await readBody(req)
    const record: RecordedRequest = { method, path: url.pathname, status: 0, text }
    this.requests.push(record)
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(body === undefined ? '' : JSON.stringify(body))
    }
    const matched = this.api.match(method, url.pathname)
    if ('error' in matched) {
      this.violations.push(`${method} ${url.pathname}: ${matched.error}`)
      return reply(404, { message: 'Not Found' })
    }
    record.operationId = matched.operationId
    if (!/^(token|Bearer) \S+$/.test(req.headers.authorization ?? '')) return reply(401, { message: 'Requires authentication' })
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      this.violations.push(`${method} ${url.pathname}: body is not JSON`)
      return reply(400, { message: 'Problems parsing JSON' })
    }
    const problems = this.api.validate(method, matched, url.searchParams, body)
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${matched.operationId}: ${p}`))
      return reply(422, { message: 'Invalid request', errors: problems })
    }
    const fault = this.faults.failOnce?.findIndex((f) => f.operationId === matched.operationId) ?? -1
    if (fault >= 0) {
      const { status } = this.faults.failOnce!.splice(fault, 1)[0]!
      return reply(status, { message: 'Server Error' })
    }
    if (this.faults.readOnly && method !== 'GET') return reply(403, { message: 'Resource not accessible by integration' })
    const answer = this.route(matched, `http://${req.headers.host}`, url.searchParams, body as Record<string, any>)
    if (!answer) {
      this.violations.push(`${matched.operationId}: documented, but the fake server does not implement it`)
      return reply(501, { message: 'Not implemented by the fake' })
    }
    const [status, payload, headers] = answer
    reply(status, payload, headers)
  }

  private route(matched: MatchedRoute, origin: string, query: URLSearchParams, body: Record<string, any>): [number, unknown, Record<string, string>?] | undefined {
    const { params } = matched
    if (matched.operationId === 'repos/get-content') return this.content(params, query)
    if (params.owner !== this.owner || params.repo !== this.repo) return [404, { message: 'Not Found' }]
    const pull = params.pull_number ? this.pulls.get(Number(params.pull_number)) : params.issue_number ? this.pulls.get(Number(params.issue_number)) : undefined
    switch (matched.operationId) {
      case 'pulls/list-files':
        return pull ? this.page(matched, origin, query, pull.files) : [404, { message: 'Not Found' }]
      case 'pulls/list-review-comments':
        return pull ? this.page(matched, origin, query, pull.reviewComments.map((c) => this.reviewCommentJson(c))) : [404, { message: 'Not Found' }]
      case 'pulls/create-review': {
        if (!pull) return [404, { message: 'Not Found' }]
        const comments = (body.comments ?? []) as Record<string, any>[]
        const offDiff = comments.map((c) => this.offDiff(pull, c)).filter(Boolean)
        if (offDiff.length > 0) return [422, { message: 'Unprocessable Entity', errors: offDiff }]
        const review = { id: this.nextId++, commit_id: body.commit_id, body: body.body ?? '', event: body.event ?? 'PENDING' }
        pull.reviews.push(review)
        for (const c of comments) pull.reviewComments.push(this.newReviewComment(c, review.id, body.commit_id))
        return [200, { id: review.id, node_id: `PRR_${review.id}`, body: review.body, state: 'COMMENTED', commit_id: review.commit_id, html_url: this.html(`pull/${pull.number}#pullrequestreview-${review.id}`) }]
      }
      case 'pulls/create-review-comment': {
        if (!pull) return [404, { message: 'Not Found' }]
        const problem = this.offDiff(pull, body)
        if (problem) return [422, { message: 'Unprocessable Entity', errors: [problem] }]
        const comment = this.newReviewComment(body, null, body.commit_id)
        pull.reviewComments.push(comment)
        return [201, this.reviewCommentJson(comment)]
      }
      case 'pulls/update-review-comment': {
        const comment = [...this.pulls.values()].flatMap((p) => p.reviewComments).find((c) => c.id === Number(params.comment_id))
        if (!comment) return [404, { message: 'Not Found' }]
        comment.body = body.body
        return [200, this.reviewCommentJson(comment)]
      }
      case 'issues/list-comments':
        return pull ? this.page(matched, origin, query, pull.issueComments.map((c) => this.issueCommentJson(c))) : [404, { message: 'Not Found' }]
      case 'issues/create-comment': {
        if (!pull) return [404, { message: 'Not Found' }]
        const comment = { id: this.nextId++, body: body.body }
        pull.issueComments.push(comment)
        return [201, this.issueCommentJson(comment)]
      }
      case 'issues/update-comment': {
        const comment = [...this.pulls.values()].flatMap((p) => p.issueComments).find((c) => c.id === Number(params.comment_id))
        if (!comment) return [404, { message: 'Not Found' }]
        comment.body = body.body
        return [200, this.issueCommentJson(comment)]
      }
      case 'checks/create': {
        const run: CheckRun = { id: this.nextId++, name: body.name, head_sha: body.head_sha, status: body.status ?? 'queued', conclusion: body.conclusion ?? null, output: { ...body.output, annotations: [...(body.output?.annotations ?? [])] } }
        this.checkRuns.push(run)
        return [201, this.checkRunJson(run)]
      }
      case 'checks/update': {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id))
        if (!run) return [404, { message: 'Not Found' }]
        if (body.status) run.status = body.status
        if (body.conclusion) run.conclusion = body.conclusion
        // GitHub appends annotations on every update; title and summary are replaced.
        if (body.output) run.output = { ...run.output, ...body.output, annotations: [...run.output.annotations, ...(body.output.annotations ?? [])] }
        return [200, this.checkRunJson(run)]
      }
      default:
        return undefined
    }
  }

  private content(params: Record<string, string>, query: URLSearchParams): [number, unknown] {
    const ref = query.get('ref') ?? 'HEAD'
    const repo = `${params.owner}/${params.repo}/`
    const path = (params.path ?? '').replace(/\/+$/, '')
    const entry = (entryPath: string, type: 'file' | 'dir', text?: string) => {
      const url = `https://github.example/${params.owner}/${params.repo}/blob/${ref}/${entryPath}`
      return { type, size: text?.length ?? 0, name: entryPath.split('/').pop(), path: entryPath, sha: 'f'.repeat(40), url, git_url: url, html_url: url, download_url: url, _links: { self: url, git: url, html: url } }
    }
    const text = this.contents.get(`${repo}${path}@${ref}`)
    if (text !== undefined) return [200, { ...entry(path, 'file', text), encoding: 'base64', content: Buffer.from(text).toString('base64') }]
    // A directory: its immediate children, files and subdirectories, as GitHub lists them.
    const children = new Map<string, 'file' | 'dir'>()
    for (const key of this.contents.keys()) {
      if (!key.startsWith(repo) || !key.endsWith(`@${ref}`)) continue
      const file = key.slice(repo.length, -`@${ref}`.length)
      if (path && !file.startsWith(`${path}/`)) continue
      const rest = path ? file.slice(path.length + 1) : file
      const [first, ...deeper] = rest.split('/')
      children.set(path ? `${path}/${first}` : first!, deeper.length > 0 ? 'dir' : 'file')
    }
    if (children.size === 0) return [404, { message: 'Not Found' }]
    return [200, [...children].map(([childPath, type]) => entry(childPath, type))]
  }

  /** GitHub's answer when a review comment's line is not on the head side of a hunk (or a range spans two hunks). */
  private offDiff(pull: PullState, comment: Record<string, any>): string | undefined {
    const file = pull.files.find((f) => f.filename === comment.path)
    if (!file?.patch) return `${comment.path}: Path could not be resolved`
    if ((comment.side ?? 'RIGHT') !== 'RIGHT') return `${comment.path}: only RIGHT-side comments are expected from policygate`
    const start = comment.start_line ?? comment.line
    const hunk = hunksOf(file.patch).find((h) => h.start <= start && comment.line <= h.end)
    return hunk ? undefined : `pull_request_review_thread.line: ${comment.path}:${comment.line} must be part of the diff`
  }

  private page(matched: MatchedRoute, origin: string, query: URLSearchParams, items: unknown[]): [number, unknown, Record<string, string>] {
    const perPage = Math.min(Number(query.get('per_page') ?? 30), 100)
    const page = Number(query.get('page') ?? 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const base = `${origin}${matched.template.replace(/\{(\w+)\}/g, (_m, name: string) => matched.params[name]!)}`
    const link = (p: number, rel: string) => `<${base}?per_page=${perPage}&page=${p}>; rel="${rel}"`
    const links = [page < last ? link(page + 1, 'next') : '', page < last ? link(last, 'last') : '', page > 1 ? link(1, 'first') : '', page > 1 ? link(page - 1, 'prev') : ''].filter(Boolean)
    return [200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {}]
  }

  private newReviewComment(c: Record<string, any>, reviewId: number | null, commitId: string): ReviewComment {
    return { id: this.nextId++, pull_request_review_id: reviewId, path: c.path, line: c.line, start_line: c.start_line ?? null, side: c.side ?? 'RIGHT', commit_id: commitId, body: c.body }
  }

  private reviewCommentJson(c: ReviewComment) {
    return { ...c, node_id: `PRRC_${c.id}`, user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: this.html(`pull/1#discussion_r${c.id}`) }
  }

  private issueCommentJson(c: IssueComment) {
    return { ...c, node_id: `IC_${c.id}`, user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: this.html(`pull/1#issuecomment-${c.id}`) }
  }

  private checkRunJson(run: CheckRun) {
    return { ...run, node_id: `CR_${run.id}`, html_url: this.html(`runs/${run.id}`), output: { title: run.output.title, summary: run.output.summary, annotations_count: run.output.annotations.length } }
  }

  private html(path: string): string {
    return `https://github.example/${this.owner}/${this.repo}/${path}`
  }
}

/** Head-side line ranges of a patch's hunks, read independently of the code under test. */
export function hunksOf(patch: string): { start: number; end: number }[] {
  return [...patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].map((m) => {
    const start = Number(m[1])
    const count = m[2] === undefined ? 1 : Number(m[2])
    return { start, end: start + count - 1 }
  })
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}
