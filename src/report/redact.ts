/*
 * Source lines leave the tool in code frames, review comments and annotations. Anything that looks like a
 * credential is masked first: the tool never prints a secret, even one it is reporting.
 */

const AWS_KEY_ID = /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{4})[A-Z0-9]{8}([A-Z0-9]{4})(?![A-Z0-9])/g
const FORTY_CHAR_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g
// key = "value" / key: value where the key names a secret.
const SECRET_ASSIGNMENT = /((?:password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)[\w-]*["']?\s*[:=]\s*["']?)([^"'\s,}]{3,})/gi

// A reference to where the secret lives is not the secret.
const REFERENCE = /^(\$|!|var\.|local\.|data\.|module\.|aws_|random_|resolve:|\{\{)/
// Flags and numbers under a secret-sounding key (`api_key_required = false`) are settings, not secrets.
const SETTING = /^(true|false|null|\d{1,6})$/i

export function redact(text: string): string {
  return text
    .replace(AWS_KEY_ID, '$1********$2')
    .replace(FORTY_CHAR_SECRET, (match) => (/[0-9]/.test(match) && /[A-Za-z]/.test(match) ? `${match.slice(0, 4)}****************************` : match))
    .replace(SECRET_ASSIGNMENT, (_all, lead: string, value: string) => (REFERENCE.test(value) || SETTING.test(value) ? `${lead}${value}` : `${lead}****`))
}
