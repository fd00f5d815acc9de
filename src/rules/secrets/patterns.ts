import type { TemplateInput } from '../../model/aws.js'
import type { Attr, SourceRange } from '../../model/source.js'
import { isKnown } from '../../model/source.js'

/*
 * What the secrets rules recognise: secret-like names, AWS key material, credentials assigned in
 * scripts, and which written values are literals rather than references to where a secret lives.
 * Messages built from these never contain a secret: key IDs are masked, secret values are not echoed.
 */

// Words that make a name a secret's name when they end it (alone, or as the last two words).
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey', 'accesskey'])
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'auth token'])
// Last words that still name the secret itself (`DB_PASSWORD_VALUE`, `AWS_ACCESS_KEY_ID`).
const HOLDER_WORDS = new Set(['value', 'string', 'plaintext'])
// First words of a switch or a setting about secrets (`create_access_key`, `allow_users_to_change_password`), not a secret.
const SETTING_WORDS = new Set(['create', 'enable', 'enabled', 'allow', 'require', 'use', 'manage', 'rotate', 'generate', 'is', 'has', 'max', 'min', 'minimum', 'maximum'])

/** `DB_PASSWORD`, `dbPassword`, `MasterUserPassword`, `aws_secret_access_key` → their lower-case words. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? []).map((word) => word.toLowerCase())
}

function endsWithSecret(words: string[]): boolean {
  const last = words[words.length - 1]
  if (last === undefined) return false
  // `pgpassword`, `dbpassword`: run-together lower-case names are one word.
  return SECRET_WORDS.has(last) || /(password|passwd|secret|token)$/.test(last) || (words.length > 1 && SECRET_PAIRS.has(`${words[words.length - 2]} ${last}`))
}

/**
 * A name under which a secret value is stored (`DATABASE_PASSWORD`, `apiKey`, `AWS_ACCESS_KEY_ID`): the secret
 * word ends it. Names that end otherwise point at a secret or describe it (`DB_PASSWORD_ARN`, `max_password_age`).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name)
  if (words.length === 0 || SETTING_WORDS.has(words[0]!)) return false
  const last = words[words.length - 1]!
  if (HOLDER_WORDS.has(last)) return endsWithSecret(words.slice(0, -1))
  if (last === 'id') return words.slice(-3, -1).join(' ') === 'access key'
  return endsWithSecret(words)
}

// Where a secret lives, not the secret: CloudFormation dynamic references, ARNs, SSM paths, shell or template expansions.
const REFERENCE_VALUE = /^(\{\{resolve:|arn:|\/|\$\{|\$\(|\$[A-Za-z_]|%\{|<%|\{\{)/

// What AWS's property reference writes for a string in its syntax blocks: a template copied from there still holds the skeleton, not a value.
const SYNTAX_PLACEHOLDER = 'String'

/** True when `loc` lies inside a variable or parameter declaration: a default value, judged by secrets/cfn-parameter-no-echo. */
function insideInput(loc: SourceRange, inputs: TemplateInput[]): boolean {
  return inputs.some((input) => input.loc.file === loc.file && input.loc.startLine <= loc.startLine && loc.endLine <= input.loc.endLine)
}

/** The literal text when the value is written as a literal secret: known, not empty, not a reference, not an input's default. */
export function literalSecret(value: Attr<string>, inputs: TemplateInput[]): string | undefined {
  if (!isKnown(value)) return undefined
  const text = value.value.trim()
  if (text === '' || REFERENCE_VALUE.test(text) || /^(true|false|null|none)$/i.test(text) || text === SYNTAX_PLACEHOLDER) return undefined
  return insideInput(value.loc, inputs) ? undefined : text
}

export interface AwsKeyMatch {
  kind: 'access key ID' | 'secret access key'
  /** Offset of the match in the text. */
  index: number
  /** What a message may show: a masked key ID, never any character of a secret key. */
  shown: string
}

const KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g
const SECRET_KEY_ASSIGNED = /secret[_-]?(?:access[_-]?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi
const SECRET_KEY_ALONE = /^[A-Za-z0-9/+]{40}$/

export function maskKeyId(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`
}

// What every match of KEY_ID and SECRET_KEY_ASSIGNED contains: texts without it (nearly all) skip the global searches.
const KEY_ID_PREFIX = /A(?:KIA|SIA|BIA|CCA)/
const SECRET_WORD = /secret/i

/** AWS key material in free text (scripts, JSON, any literal); `key` is the name the text is written under, if any. */
export function findAwsKeys(text: string, key?: string): AwsKeyMatch[] {
  const matches: AwsKeyMatch[] = []
  if (KEY_ID_PREFIX.test(text)) for (const m of text.matchAll(KEY_ID)) matches.push({ kind: 'access key ID', index: m.index, shown: maskKeyId(m[0]) })
  if (SECRET_WORD.test(text)) for (const m of text.matchAll(SECRET_KEY_ASSIGNED)) matches.push({ kind: 'secret access key', index: m.index + m[0].length - m[1]!.length, shown: 'a secret access key' })
  if (key && /secret/i.test(key) && SECRET_KEY_ALONE.test(text.trim()) && /[A-Z]/.test(text) && /[a-z]/.test(text)) {
    matches.push({ kind: 'secret access key', index: text.indexOf(text.trim()), shown: 'a secret access key' })
  }
  return matches
}

export interface ScriptCredential {
  /** The variable or option name that holds it. */
  name: string
  index: number
}

// NAME=value, NAME: value, NAME = "value", --password value / --password=value.
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:[ \t])[ \t]*(\\?["']?)([^\s"'\\]+)/g
const OPTION = /--([a-z][a-z-]*)[ =](["']?)([^\s"']+)/gi
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g

/** Credentials written into a script: secret-named variables or options given a literal, and private key blocks. */
export function findScriptCredentials(text: string): ScriptCredential[] {
  const found: ScriptCredential[] = []
  for (const pattern of [ASSIGNMENT, OPTION]) {
    for (const m of text.matchAll(pattern)) {
      const [, name, , value] = m as unknown as [string, string, string, string]
      if (isSecretName(name) && !REFERENCE_VALUE.test(value) && value !== '' && findAwsKeys(m[0]).length === 0) found.push({ name, index: m.index })
    }
  }
  for (const m of text.matchAll(PRIVATE_KEY)) found.push({ name: 'private key', index: m.index })
  return found
}

/** The file range of offset `index` in `text`, for text whose lines map to file lines from `firstTextLine`; else the text's own range. */
export function rangeInText(text: Attr<string>, index: number, firstTextLine?: number): SourceRange {
  if (firstTextLine === undefined || !isKnown(text)) return text.loc
  const line = firstTextLine + (text.value.slice(0, index).match(/\n/g)?.length ?? 0)
  return { file: text.loc.file, startLine: line, endLine: line }
}
