import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../src/report/redact.js'

describe('redact', () => {
  it('masks AWS access key IDs, keeping enough to recognise which key', () => {
    expect(redact('access_key = "AKIAQ3EGRZ7LXMP4VN2T"')).toBe('access_key = "AKIAQ3EG********VN2T"')
  })

  it('masks 40-character secret keys and values under secret-sounding keys', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'
    expect(redact(`secret_key = "${secret}"`)).not.toContain(secret)
    expect(redact('  master_password = "hunter2-but-longer"')).toBe('  master_password = "****"')
    expect(redact('MasterUserPassword: SuperSecret123')).toBe('MasterUserPassword: ****')
  })

  it('leaves references, flags and ordinary code alone', () => {
    for (const line of [
      '  password = var.db_password',
      '  MasterUserPassword: !Ref DatabasePassword',
      '  api_key_required = false',
      '  "api_key_required": false,',
      '  token_ttl = 300',
      '  authorization = "NONE"',
      '  name = "orders-api"',
    ]) expect(redact(line)).toBe(line)
  })

  it('never lets a generated AWS key ID through, wherever it sits in a line', () => {
    const keyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA'), fc.stringMatching(/^[A-Z0-9]{16}$/)).map(([p, rest]) => p + rest)
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).filter((s) => !/[A-Z0-9]$/.test(s)), keyId, fc.constantFrom('', '"', ' ', ','), (before, key, after) => {
        expect(redact(`${before}${key}${after}`)).not.toContain(key)
      }),
    )
  })
})
