import type { AnyRule, Finding } from '../../rules/types.js'
import { fingerprintsOf, isMarkedFixed, markFixed } from '../../report/github/markers.js'
import { inReviewOrder, plural, severityBreakdown } from '../../report/github/order.js'
import { placeCommentBody, placeCommentEdited, suggestingFingerprint } from '../../report/github/place-comment.js'
import { codeSpan, markdownText } from '../../report/escape.js'
import { documentedRule } from '../../report/github/rule-link.js'
import { hunkContaining, type ChangedFile } from '../../sources/changed-files.js'
import type { PullRequestRef } from '../../sources/pr-files.js'
import type { GitHubClient } from '../github.js'
import { isRequestError } from './errors.js'

export interface ReviewInput {
  pr: PullRequestRef
  headSha: string
  /** Findings the change adds: the only ones that get a review comment. */
  added: Finding[]
  /** Every finding on the head (added and existing): a comment whose fingerprint is here stays open. */
  current: Finding[]
  changedFiles: Map<string, ChangedFile>
  maxComments: number
  ruleFor(ruleId: string): AnyRule | undefined
}

export type Unplaced = { finding: Finding; reason: 'outside the diff' | 'over max-comments' | 'rejected by GitHub' }

export interface ReviewOutcome {
  /** Findings commented in this run (in a new comment, or added to an earlier comment on their line). */
  commented: Finding[]
  /** Findings that already had an open comment from an earlier run. */
  alreadyCommented: Finding[]
  /** Added findings without a comment; the summary lists them. */
  unplaced: Unplaced[]
  /** Findings of earlier comments that are gone: their comment marked fixed, or rewritten without them. */
  markedFixed: number
}

interface CommentDraft {
  findings: Finding[]
  path: string
  line: number
  start_line?: number
  side: 'RIGHT'
  start_side?: 'RIGHT'
  body: string
}

/** An earlier comment still holding current findings, to rewrite when some of them are gone or new ones join its line. */
interface OpenComment {
  id: number
  body: string
  held: Finding[]
  changed: boolean
}

/** Findings on one line of one file share a comment. */
function placeOf(finding: Finding): string {
  return `${finding.loc.file}\u0000${finding.loc.startLine}`
}

/**
 * One review per run with one comment per line holding new findings; earlier comments are matched by
 * their findings' fingerprints: kept when all still stand, rewritten when some are fixed or new ones join
 * their line, marked fixed when none is left.
 */
export async function publishReview(octokit: GitHubClient, input: ReviewInput): Promise<ReviewOutcome> {
  const { pr } = input
  const ruleFor = (ruleId: string) => input.ruleFor(ruleId) ?? documentedRule(ruleId)
  const earlier = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 })
  const currentByFingerprint = new Map(input.current.map((f) => [f.fingerprint, f]))
  const openAtPlace = new Map<string, OpenComment>()
  const openFingerprints = new Set<string>()
  let markedFixed = 0
  for (const comment of earlier) {
    const held = fingerprintsOf(comment.body)
    if (held.length === 0 || isMarkedFixed(comment.body)) continue
    const standing = held.map((fp) => currentByFingerprint.get(fp)).filter((f): f is Finding => f !== undefined)
    if (standing.length === 0) {
      await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: comment.id, body: markFixed(comment.body, input.headSha) })
      markedFixed++
      continue
    }
    for (const finding of standing) openFingerprints.add(finding.fingerprint ?? '')
    openAtPlace.set(placeOf(standing[0]!), { id: comment.id, body: comment.body, held: standing, changed: standing.length < held.length })
    markedFixed += held.length - standing.length
  }

  const alreadyCommented: Finding[] = []
  const joined: Finding[] = []
  const unplaced: Unplaced[] = []
  const drafts: CommentDraft[] = []
  const fresh = new Map<string, Finding[]>()
  for (const finding of inReviewOrder(input.added)) {
    if (openFingerprints.has(finding.fingerprint ?? '')) alreadyCommented.push(finding)
    else fresh.set(placeOf(finding), [...(fresh.get(placeOf(finding)) ?? []), finding])
  }
  for (const [place, findings] of fresh) {
    const open = openAtPlace.get(place)
    if (open) {
      open.held.push(...findings)
      open.changed = true
      joined.push(...findings)
      continue
    }
    const draft = anchor(findings, input, ruleFor)
    if (!draft) unplaced.push(...findings.map((finding) => ({ finding, reason: 'outside the diff' as const })))
    else if (drafts.length >= input.maxComments) unplaced.push(...findings.map((finding) => ({ finding, reason: 'over max-comments' as const })))
    else drafts.push(draft)
  }
  for (const open of openAtPlace.values()) {
    if (!open.changed) continue
    const suggesting = open.held.find((f) => f.fingerprint === suggestingFingerprint(open.body))
    const body = placeCommentEdited(open.body, open.held, ruleFor, input.headSha, suggesting)
    await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: open.id, body })
  }
  if (drafts.length === 0) return { commented: joined, alreadyCommented, unplaced, markedFixed }

  const commented = await postReview(octokit, input, drafts, unplaced)
  return { commented: [...joined, ...commented], alreadyCommented, unplaced, markedFixed }
}

/**
 * Where on the diff a line's comment goes: over a fix's lines when one of its findings carries a fix there
 * (the most severe such; its suggestion replaces exactly those lines, and no other is shown), else the line.
 */
function anchor(findings: Finding[], input: ReviewInput, ruleFor: (ruleId: string) => AnyRule | undefined): CommentDraft | undefined {
  const lead = findings[0]!
  const file = input.changedFiles.get(lead.loc.file)
  if (!file || file.status === 'removed') return relatedAnchor(findings, input, ruleFor)
  const suggesting = findings.find((f) => f.fix && f.fix.loc.file === f.loc.file && hunkContaining(file, f.fix.loc.startLine, f.fix.loc.endLine))
  const body = placeCommentBody(findings, ruleFor, suggesting)
  if (suggesting?.fix) {
    const { loc } = suggesting.fix
    const multi = loc.endLine > loc.startLine
    return { findings, path: file.path, line: loc.endLine, ...(multi ? { start_line: loc.startLine, start_side: 'RIGHT' as const } : {}), side: 'RIGHT', body }
  }
  if (!hunkContaining(file, lead.loc.startLine, lead.loc.startLine)) return relatedAnchor(findings, input, ruleFor)
  return { findings, path: file.path, line: lead.loc.startLine, side: 'RIGHT', body }
}

/**
 * Findings whose own line is outside the diff go on a related line that is in it: a value written
 * in one file and used in another (a module's resource, a module call) is commented where the change is.
 */
function relatedAnchor(findings: Finding[], input: ReviewInput, ruleFor: (ruleId: string) => AnyRule | undefined): CommentDraft | undefined {
  const lead = findings[0]!
  for (const place of lead.related ?? []) {
    const file = input.changedFiles.get(place.loc.file)
    if (!file || file.status === 'removed' || !hunkContaining(file, place.loc.startLine, place.loc.startLine)) continue
    const note = `${markdownText(place.message)}; the offending value is written at ${codeSpan(`${lead.loc.file}:${lead.loc.startLine}`)}.`
    return { findings, path: file.path, line: place.loc.startLine, side: 'RIGHT', body: placeCommentBody(findings, ruleFor, undefined, note) }
  }
  return undefined
}

/** One review with every comment; if GitHub rejects it (422: a line it does not consider part of the diff), comment one by one so only the bad ones move to the summary. */
async function postReview(octokit: GitHubClient, input: ReviewInput, drafts: CommentDraft[], unplaced: Unplaced[]): Promise<Finding[]> {
  const { pr } = input
  const comments = drafts.map(({ findings: _findings, ...comment }) => comment)
  try {
    await octokit.rest.pulls.createReview({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      commit_id: input.headSha,
      event: 'COMMENT',
      body: reviewBody(input.added, drafts.flatMap((d) => d.findings).length),
      comments,
    })
    return drafts.flatMap((d) => d.findings)
  } catch (error) {
    if (!isRequestError(error) || error.status !== 422) throw error
  }
  const commented: Finding[] = []
  for (const { findings, ...comment } of drafts) {
    try {
      await octokit.rest.pulls.createReviewComment({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: input.headSha, ...comment })
      commented.push(...findings)
    } catch (error) {
      if (!isRequestError(error) || error.status !== 422) throw error
      unplaced.push(...findings.map((finding) => ({ finding, reason: 'rejected by GitHub' as const })))
    }
  }
  return commented
}

/** The review's own text: how many new findings and how bad; those without a comment here (commented before, off the diff) are in the summary. */
export function reviewBody(added: Finding[], commented: number): string {
  const total = `**policygate:** ${plural(added.length, 'new finding')} on this change (${severityBreakdown(added)})`
  const placed = commented === added.length ? '' : `; ${commented} of them commented in this review`
  return `${total}${placed}. The summary comment lists every finding, including those outside the changed lines.`
}
