import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorText, redact, redactFinding } from '../../src/report/redact.js'
import { withoutAbsolutePaths } from '../../src/text/paths.js'
import type { Finding } from '../../src/rules/types.js'
import { fingerprint } from '../../src/scan.js'

describe('redact', () => {
  it('masks AWS access key IDs, keeping enough to recognise which key', () => {
    expect(redact('access_key = "AKIAQ3EGRZ7LXMP4VN2T"')).toBe('access_key = "AKIAQ3EG********VN2T"')
  })

  it('masks 40-character secret keys and values under secret-sounding keys', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'
    expect(redact(`secret_key = "${secret}"`)).not.toContain(secret)
    expect(redact('  master_password = "hunter2-but-longer"')).toBe('  master_password = "****"')
    expect(redact('  master_password = "two words"')).toBe('  master_password = "****"')
    expect(redact('MasterUserPassword: SuperSecret123')).toBe('MasterUserPassword: ****')
  })

  it('leaves references, flags, ordinary code and generated names alone', () => {
    for (const line of [
      '  password = var.db_password',
      '  MasterUserPassword: !Ref DatabasePassword',
      '  api_key_required = false',
      '  "api_key_required": false,',
      '  token_ttl = 300',
      '  authorization = "NONE"',
      '  name = "orders-api"',
      'Resource: arn:aws:s3:::orders-bucket-0123456789/*',
      'CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092 allows iam:PassRole',
      'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]) expect(redact(line)).toBe(line)
  })

  it('masks a key ID cut short by a truncated message, and a secret cut before a truncation mark', () => {
    expect(redact('syntax error: unexpected "x = AKIAQ3EGRZ7LXM"')).toBe('syntax error: unexpected "x = AKIA****"')
    expect(redact('unexpected "k = wJalrXUtnFEMI/K7MDENG…"')).not.toMatch(/XUtnFEMI/)
  })
})

/** A uniformly random string over `alphabet`, from a seed: fast-check's bias toward edge values would make credentials no one issues (forty A's). */
function uniform(seed: number, length: number, alphabet: string): string {
  let state = seed >>> 0
  let out = ''
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    out += alphabet[(((t ^ (t >>> 14)) >>> 0) % alphabet.length)]!
  }
  return out
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

interface Credentials {
  keyId: string
  secret: string
  token: string
}

const credentials: fc.Arbitrary<Credentials> = fc.tuple(fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA'), fc.integer(), fc.integer(), fc.integer(), fc.integer({ min: 100, max: 600 })).map(([prefix, a, b, c, tokenLength]) => ({
  keyId: prefix + uniform(a, 16, UPPER_DIGITS),
  secret: uniform(b, 40, BASE64),
  token: `IQoJb3JpZ2luX2Vj${uniform(c, tokenLength, BASE64)}=`,
}))

/** Every form a credential is written in, in configs, env files, CLI output and JSON. */
const FORMATS: Record<string, (c: Credentials) => string> = {
  'bare key ID': (c) => c.keyId,
  'bare secret': (c) => c.secret,
  'bare session token': (c) => c.token,
  'run-together key ID and secret': (c) => `${c.keyId}${c.secret}`,
  'run-together secret and token': (c) => `${c.keyId}:${c.secret}${c.token}`,
  'key=value': (c) => `aws_access_key_id=${c.keyId}\naws_secret_access_key=${c.secret}\naws_session_token=${c.token}`,
  'env export': (c) => `export AWS_ACCESS_KEY_ID=${c.keyId} AWS_SECRET_ACCESS_KEY=${c.secret} AWS_SESSION_TOKEN=${c.token}`,
  'key: value': (c) => `AccessKeyId: ${c.keyId}\nSecretAccessKey: ${c.secret}\nSessionToken: ${c.token}`,
  'HCL assignment': (c) => `  access_key = "${c.keyId}"\n  secret_key = "${c.secret}"\n  token = "${c.token}"`,
  JSON: (c) => JSON.stringify({ Credentials: { AccessKeyId: c.keyId, SecretAccessKey: c.secret, SessionToken: c.token } }),
  'truncated message': (c) => `unexpected "${c.keyId.slice(0, 17)}"`,
  'truncated secret': (c) => `unexpected "= ${c.secret.slice(0, 30)}…"`,
}

/** What must not survive: the whole secret and token, any 12 characters of either, and the hidden middle of a key ID. */
function leaks(output: string, c: Credentials, written: string): string[] {
  const windows = (s: string) => Array.from({ length: Math.max(0, s.length - 11) }, (_v, i) => s.slice(i, i + 12))
  const secrets = [c.secret, c.token].filter((s) => written.includes(s.slice(0, 24)))
  const found = secrets.flatMap(windows).filter((w) => output.includes(w))
  if (written.includes(c.keyId.slice(0, 12)) && output.includes(c.keyId.slice(8, 16))) found.push(c.keyId.slice(8, 16))
  return found
}

// Text a credential sits in: anything before and after, separated as it would be in a file or a message.
const SEPARATORS = ['', ' ', '"', "'", '=', ':', ',', '\n', '\t', '(', '[', '{', '>', '`']

describe('redact: generated credentials embedded in random text', () => {
  for (const [name, write] of Object.entries(FORMATS)) {
    it(`never lets a credential through: ${name}`, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(...SEPARATORS), credentials, fc.constantFrom(...SEPARATORS), fc.string({ maxLength: 30 }), (before, open, c, close, after) => {
          // A credential glued to letters on both sides has no edge to find: one side is always a separator or the text's end.
          const lead = open === '' ? '' : before + open
          const written = write(c)
          expect(leaks(written, c, written)).not.toEqual([])
          expect(leaks(redact(`${lead}${written}${close}${after}`), c, written)).toEqual([])
        }),
        { numRuns: 300 },
      )
    })
  }
})

describe('redactFinding: every string field', () => {
  const keyId = 'AKIAQ3EGRZ7LXMP4VN2T'
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'
  const raw: Finding = {
    ruleId: 'iam/full-admin',
    severity: 'critical',
    title: `Full admin ${keyId}`,
    message: `Statement ${keyId} allows * with secret=${secret}`,
    loc: { file: 'main.tf', startLine: 3, endLine: 3 },
    resource: { address: `aws_iam_policy.p_${keyId}`, type: 'aws_iam_policy' },
    element: `Statement[${keyId}].Action[*]`,
    details: [`token ${secret}`],
    related: [{ loc: { file: 'main.tf', startLine: 1, endLine: 1 }, message: `see ${keyId}` }],
    suppressed: { kind: 'inline', reason: `approved for ${keyId}`, owner: `ops ${secret}` },
    fix: { loc: { file: 'main.tf', startLine: 3, endLine: 3 }, replacement: `  secret = "${secret}"\n`, description: 'Replace it' },
  }
  raw.fingerprint = fingerprint(raw)

  it('masks them all, drops a fix whose text would need masking, and fingerprints the masked finding', () => {
    const shown = redactFinding(raw)
    const text = JSON.stringify(shown)
    expect(text).not.toContain(keyId)
    expect(text).not.toContain(secret)
    expect(text).not.toContain('EXAMPLEKEY')
    expect(shown.fix).toBeUndefined()
    expect(shown.fingerprint).toBe(fingerprint(shown))
    expect(shown.fingerprint).not.toBe(raw.fingerprint)
    expect(shown.element).toBe('Statement[AKIAQ3EG********VN2T].Action[*]')
  })

  it('leaves a finding without secrets as it was, fix and fingerprint included', () => {
    const clean: Finding = { ...raw, title: 'Full admin', message: 'Allows * on *', resource: { address: 'aws_iam_policy.p', type: 'aws_iam_policy' }, element: 'Statement[0]', details: ['x'], related: [], suppressed: undefined, fix: { ...raw.fix!, replacement: '  effect = "Deny"\n' } }
    clean.fingerprint = fingerprint(clean)
    expect(redactFinding(clean)).toEqual(clean)
  })
})

describe('errorText', () => {
  it('keeps the message and frames, masks secrets, and prints no absolute path', () => {
    const error = new Error(`cannot read /home/runner/work/_actions/policygate/v1/dist/cli.js with ${'AKIAQ3EGRZ7LXMP4VN2T'}`)
    error.stack = `${error.message}\n    at check (/home/runner/work/_actions/policygate/v1/dist/cli.js:1234:56)\n    at file:///opt/policygate/dist/action.js:9:1\n    at C:\\actions\\policygate\\dist\\cli.js:3:4`
    const text = errorText(error)
    expect(text).toContain('cli.js:1234:56')
    expect(text).toContain('action.js:9:1')
    expect(text).not.toMatch(/\/home|\/opt|C:\\|runner/)
    expect(text).not.toContain('AKIAQ3EGRZ7LXMP4VN2T')
    expect(withoutAbsolutePaths('see main.tf and ./relative/file.tf')).toBe('see main.tf and ./relative/file.tf')
  })
})
