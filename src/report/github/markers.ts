/** Hidden markers in comment bodies: how a later run recognises what an earlier one wrote. */

export const SUMMARY_MARKER = '<!-- policygate:summary -->'
const FIXED_MARKER = '<!-- policygate:fixed -->'
const FINGERPRINT = /<!-- policygate:fp=([0-9a-f]+) -->/

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- policygate:fp=${fingerprint} -->`
}

export function fingerprintOf(body: string | undefined | null): string | undefined {
  return body ? FINGERPRINT.exec(body)?.[1] : undefined
}

/** Every finding a comment holds: one marker per finding, in the order they are shown. */
export function fingerprintsOf(body: string | undefined | null): string[] {
  return body ? [...body.matchAll(new RegExp(FINGERPRINT, 'g'))].map((m) => m[1]!) : []
}

export function isMarkedFixed(body: string): boolean {
  return body.includes(FIXED_MARKER)
}

/** The comment as it reads once its finding is gone: struck through under a note, marker kept for the next run. */
export function markFixed(body: string, headSha: string): string {
  if (isMarkedFixed(body)) return body
  const [firstLine = '', ...rest] = body.split('\n')
  const kept = rest.filter((line) => !FINGERPRINT.test(line))
  return [
    FIXED_MARKER,
    `✅ **Fixed** in ${headSha.slice(0, 7)}: policygate no longer reports this.`,
    '',
    '<details><summary>Original finding</summary>',
    '',
    `~~${firstLine.replace(/^#+\s*/, '')}~~`,
    ...kept,
    '',
    '</details>',
    ...body.split('\n').filter((line) => FINGERPRINT.test(line)),
  ].join('\n')
}
