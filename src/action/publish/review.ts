import type { AnyRule, Finding } from '../../rules/types.js'
import { fingerprintOf, isMarkedFixed, markFixed } from '../../report/github/markers.js'
import { inReviewOrder, plural, severityBreakdown } from '../../report/github/order.js'
import { reviewCommentBody } from '../../report/github/review-comment.js'
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
  /** Findings commented in this run. */
  commented: Finding[]
  /** Findings that already had an open comment from an earlier run. */
  alreadyCommented: Finding[]
  /** Added findings without a comment; the summary lists them. */
  unplaced: Unplaced[]
  /** Earlier comments edited to say their finding is gone. */
  markedFixed: number
}

interface CommentDraft {
  finding: Finding
  path: string
  line: number
  start_line?: number
  side: 'RIGHT'
  start_side?: 'RIGHT'
  body: string
}

/** One review per run with a comment per new finding on the diff; earlier comments are deduplicated by fingerprint or marked fixed. */
export async function publishReview(octokit: GitHubClient, input: ReviewInput): Promise<ReviewOutcome> {
  const { pr } = input
  const earlier = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 })
  const currentFingerprints = new Set(input.current.map((f) => f.fingerprint))
  const openFingerprints = new Set<string>()
  let markedFixed = 0
  for (const comment of earlier) {
    const fp = fingerprintOf(comment.body)
    if (!fp || isMarkedFixed(comment.body)) continue
    if (currentFingerprints.has(fp)) {
      openFingerprints.add(fp)
      continue
    }
    await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: comment.id, body: markFixed(comment.body, input.headSha) })
    markedFixed++
  }

  const alreadyCommented: Finding[] = []
  const unplaced: Unplaced[] = []
  const drafts: CommentDraft[] = []
  for (const finding of inReviewOrder(input.added)) {
    if (openFingerprints.has(finding.fingerprint ?? '')) {
      alreadyCommented.push(finding)
      continue
    }
    const draft = anchor(finding, input)
    if (!draft) unplaced.push({ finding, reason: 'outside the diff' })
    else if (drafts.length >= input.maxComments) unplaced.push({ finding, reason: 'over max-comments' })
    else drafts.push(draft)
  }
  if (drafts.length === 0) return { commented: [], alreadyCommented, unplaced, markedFixed }

  const commented = await postReview(octokit, input, drafts, unplaced)
  return { commented, alreadyCommented, unplaced, markedFixed }
}

/** Where on the diff a finding's comment goes: over its fix's lines when there is one (so the suggestion replaces exactly them), else its first line. */
function anchor(finding: Finding, input: ReviewInput): CommentDraft | undefined {
  const rule = input.ruleFor(finding.ruleId) ?? documentedRule(finding.ruleId)
  const file = input.changedFiles.get(finding.loc.file)
  if (!file || file.status === 'removed') return relatedAnchor(finding, input, rule)
  const fix = finding.fix
  if (fix && fix.loc.file === finding.loc.file && hunkContaining(file, fix.loc.startLine, fix.loc.endLine)) {
    const multi = fix.loc.endLine > fix.loc.startLine
    return {
      finding,
      path: file.path,
      line: fix.loc.endLine,
      ...(multi ? { start_line: fix.loc.startLine, start_side: 'RIGHT' as const } : {}),
      side: 'RIGHT',
      body: reviewCommentBody(finding, rule, true),
    }
  }
  if (hunkContaining(file, finding.loc.startLine, finding.loc.startLine)) return { finding, path: file.path, line: finding.loc.startLine, side: 'RIGHT', body: reviewCommentBody(finding, rule, false) }
  return relatedAnchor(finding, input, rule)
}

/**
 * A finding whose own line is outside the diff goes on a related line that is in it: a value written
 * in one file and used in another (a module's resource, a module call) is commented where the change is.
 */
function relatedAnchor(finding: Finding, input: ReviewInput, rule: AnyRule | undefined): CommentDraft | undefined {
  for (const place of finding.related ?? []) {
    const file = input.changedFiles.get(place.loc.file)
    if (!file || file.status === 'removed' || !hunkContaining(file, place.loc.startLine, place.loc.startLine)) continue
    const note = `${place.message}; the offending value is written at \`${finding.loc.file}:${finding.loc.startLine}\`.`
    return { finding, path: file.path, line: place.loc.startLine, side: 'RIGHT', body: reviewCommentBody(finding, rule, false, note) }
  }
  return undefined
}

/** One review with every comment; if GitHub rejects it (422: a line it does not consider part of the diff), comment one by one so only the bad ones move to the summary. */
async function postReview(octokit: GitHubClient, input: ReviewInput, drafts: CommentDraft[], unplaced: Unplaced[]): Promise<Finding[]> {
  const { pr } = input
  const comments = drafts.map(({ finding: _finding, ...comment }) => comment)
  try {
    await octokit.rest.pulls.createReview({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      commit_id: input.headSha,
      event: 'COMMENT',
      body: reviewBody(input.added, drafts.length),
      comments,
    })
    return drafts.map((d) => d.finding)
  } catch (error) {
    if (!isRequestError(error) || error.status !== 422) throw error
  }
  const commented: Finding[] = []
  for (const { finding, ...comment } of drafts) {
    try {
      await octokit.rest.pulls.createReviewComment({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: input.headSha, ...comment })
      commented.push(finding)
    } catch (error) {
      if (!isRequestError(error) || error.status !== 422) throw error
      unplaced.push({ finding, reason: 'rejected by GitHub' })
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
