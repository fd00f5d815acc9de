import { redact } from '../../report/redact.js'

/** An HTTP error from Octokit: it carries the response status. */
export function isRequestError(error: unknown): error is Error & { status: number } {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number'
}

/** The token may read but not write (fork pull requests, read-only tokens, missing `permissions:`). */
export function isPermissionError(error: unknown): boolean {
  return isRequestError(error) && (error.status === 403 || error.status === 404)
}

/** For logs and notes: masked, since an API error may echo what was sent. */
export function describeError(error: unknown): string {
  if (isRequestError(error)) return redact(`HTTP ${error.status}: ${error.message}`)
  return redact(error instanceof Error ? error.message : String(error))
}
