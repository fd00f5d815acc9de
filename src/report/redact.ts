import type { Finding } from '../rules/types.js'
import { withoutAbsolutePaths } from '../text/paths.js'
import { withoutControls } from './escape.js'
import { fingerprint, type ScanResult } from '../scan.js'

/*
 * The one place secrets are masked. Findings pass through redactResult / redactFinding where they
 * leave the pipeline for any output (the CLI's formats, the Action's summary, comments, check run,
 * SARIF and JSON), and `redact` covers the other text that leaves: source lines in code frames, log
 * lines and error messages. The tool never prints a secret, even one it is reporting.
 */

const KEY_ID_PREFIX = '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)'
// A whole key ID keeps its first 8 and last 4 characters (enough to tell keys apart); whatever base64 runs straight on
// from it (a secret key written against it) goes too. A key ID cut short (a truncated message) keeps only its prefix.
const KEY_ID = new RegExp(`(${KEY_ID_PREFIX}[A-Z0-9]{4})[A-Z0-9]{8}([A-Z0-9]{4})([A-Za-z0-9/+]*={0,2})|(${KEY_ID_PREFIX})[A-Z0-9]{4,15}(?![A-Z0-9])`, 'g')
// STS session tokens start with the base64 of their version header.
const SESSION_TOKEN = /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+]*={0,2}/g
// A value under a key that names a secret, in `key = value`, `key: value`, JSON and env forms; quoted values up to their quote.
const SECRET_ASSIGNMENT = /((?:password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)[\w-]*["']?\s*[:=]\s*)(?:"([^"\n]*)"|'([^'\n]*)'|([^"'\s,;}\]]+))/gi
// Base64 runs as long as a secret access key (40) or longer (session tokens, secrets written against other text).
const LONG_RUN = /[A-Za-z0-9/+]{40,}={0,2}/g
// A base64 run cut by a truncation mark: too short to judge by length, so any mixed-case run goes.
const CUT_RUN = /[A-Za-z0-9/+]{12,}(?=…|\.\.\.)/g

// A reference to where the secret lives is not the secret.
const REFERENCE = /^(\$|!|var\.|local\.|data\.|module\.|aws_|random_|resolve:|\{\{)/
// Flags and numbers under a secret-sounding key (`api_key_required = false`) are settings, not secrets.
const SETTING = /^(true|false|null|\d{1,6})$/i

export function redact(text: string): string {
  // Judged as it will be shown: a control character or escape sequence inside a secret must not hide it.
  return withoutControls(text)
    .replace(SECRET_ASSIGNMENT, (all, lead: string, double?: string, single?: string, bare?: string) => {
      const value = double ?? single ?? bare ?? ''
      if (value === '' || REFERENCE.test(value) || SETTING.test(value)) return all
      const quote = double !== undefined ? '"' : single !== undefined ? "'" : ''
      return `${lead}${quote}****${quote}`
    })
    .replace(SESSION_TOKEN, (token) => `${token.slice(0, 4)}****`)
    .replace(KEY_ID, (_all, head?: string, tail?: string, _joined?: string, prefix?: string) => (head ? `${head}********${tail}` : `${prefix}****`))
    .replace(LONG_RUN, (run) => (looksSecret(run) && !(run.length > 40 && wordLike(run)) ? `${run.slice(0, 4)}****` : run))
    .replace(CUT_RUN, (run) => (looksSecret(run) ? `${run.slice(0, 4)}****` : run))
}

function looksSecret(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run)
}

/**
 * Generated names (CDK logical IDs, long statement IDs) are long runs of letters and digits too; they read
 * as words, several characters each, where random base64 changes case or kind every character or two.
 */
function wordLike(run: string): boolean {
  if (/[/+=]/.test(run)) return false
  const words = run.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? []
  return run.length / words.length >= 3.5
}

/** Every string a finding carries, masked; a suggested fix that would need masking is dropped, as a masked line cannot be applied. */
export function redactFinding(finding: Finding): Finding {
  const masked: Finding = {
    ...finding,
    title: redact(finding.title),
    message: redact(finding.message),
    ...(finding.element !== undefined && { element: redact(finding.element) }),
    ...(finding.resource && { resource: { address: redact(finding.resource.address), type: redact(finding.resource.type) } }),
    ...(finding.details && { details: finding.details.map(redact) }),
    ...(finding.related && { related: finding.related.map((r) => ({ ...r, message: redact(r.message) })) }),
    ...(finding.suppressed && {
      suppressed: { ...finding.suppressed, reason: redact(finding.suppressed.reason), ...(finding.suppressed.owner !== undefined && { owner: redact(finding.suppressed.owner) }) },
    }),
  }
  if (finding.fix) {
    const safe = redact(finding.fix.replacement) === finding.fix.replacement
    if (safe) masked.fix = { ...finding.fix, ...(finding.fix.description !== undefined && { description: redact(finding.fix.description) }) }
    else delete masked.fix
  }
  // The fingerprint is published (SARIF, comment markers): it is a hash of the masked finding, never of a secret.
  if (finding.fingerprint !== undefined) masked.fingerprint = fingerprint(masked)
  return masked
}

/** A scan's findings as they may leave the tool. */
export function redactResult<T extends Pick<ScanResult, 'findings'>>(result: T): T {
  return { ...result, findings: result.findings.map(redactFinding) }
}

/** An error as it may be printed: message masked, stack frames with file names only. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return redact(withoutAbsolutePaths(text))
}
