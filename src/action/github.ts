import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Retries a rate-limited request at most this many times; beyond that the run reports without the API. */
const RATE_LIMIT_RETRIES = 2
/** Waiting longer than this for a rate limit would stall the job; give up and fall back instead. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120

/** Octokit with back-off on 5xx (retry plugin) and on primary and secondary rate limits (throttling plugin). */
export function createGitHubClient(token: string, apiUrl: string, warn: (message: string) => void): GitHubClient {
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
    warn(`GitHub ${kind} rate limit on ${options.method} ${options.url}; ${again ? `retrying in ${retryAfter}s` : 'giving up'}`)
    return again
  }
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      retry: { retries: 3 },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    },
    retry,
    throttling,
  )
}
