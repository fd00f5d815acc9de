import { describe, expect, it } from 'vitest'
import { findAwsKeys, findScriptCredentials, isSecretName, literalSecret, nameWords } from '../../src/rules/secrets/patterns.js'
import { Unknown, attr } from '../../src/model/source.js'

const at = { file: 'main.tf', startLine: 1, endLine: 1 }

describe('secret-like names', () => {
  it('splits snake, kebab, camel and Pascal case', () => {
    expect(nameWords('DBMasterPassword')).toEqual(['db', 'master', 'password'])
    expect(nameWords('aws_secret_access_key')).toEqual(['aws', 'secret', 'access', 'key'])
    expect(nameWords('apiKey')).toEqual(['api', 'key'])
  })

  it.each([
    ['DATABASE_PASSWORD', true],
    ['dbPassword', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['STRIPE_API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['client-secret', true],
    ['DB_PASSWORD_ARN', false],
    ['SecretName', false],
    ['TOKEN_URL', false],
    ['SECRET_ID', false],
    ['KMS_KEY_ID', false],
    ['BYPASS_CACHE', false],
    ['SSM_PATH', false],
    ['KeyName', false],
    ['PGPASSWORD', true],
    ['DB_PASSWORD_VALUE', true],
    ['max_password_age', false],
    ['create_access_key', false],
    ['access_key_status', false],
    ['api_key_selection_expression', false],
    ['SecretsManagerDomainCredentialsSecretsKMSKey', false],
  ])('%s → %s', (name, expected) => {
    expect(isSecretName(name)).toBe(expected)
  })
})

describe('literals', () => {
  it('references to where a secret lives are not literals', () => {
    for (const text of ['{{resolve:secretsmanager:db}}', 'arn:aws:secretsmanager:us-east-1:1:secret:x', '/app/db', '${DB_PASSWORD}', '$DB_PASSWORD', '', 'true']) {
      expect(literalSecret(attr(text, at), []), text).toBeUndefined()
    }
    expect(literalSecret(attr<string>(new Unknown('computed'), at), [])).toBeUndefined()
    expect(literalSecret(attr('hunter2', at), [])).toBe('hunter2')
  })
})

describe('AWS keys and script credentials', () => {
  it('finds key IDs anywhere and secret keys only where a name says so', () => {
    expect(findAwsKeys('id: ASIAY34FZKBOKMUTVV7A').map((m) => m.shown)).toEqual(['ASIA…VV7A'])
    expect(findAwsKeys('AKIAIOSFODNN7EXAMPLE1')).toEqual([])
    expect(findAwsKeys('"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"').map((m) => m.kind)).toEqual(['secret access key'])
    expect(findAwsKeys('sha 0123456789abcdef0123456789abcdef01234567')).toEqual([])
  })

  it('finds secret assignments and options in scripts, not references or AWS keys', () => {
    const script = [
      'export DATABASE_PASSWORD=\\"SomeSortOfPassword\\"',
      'export SSM_PATH=/database/creds',
      'export API_TOKEN=$(aws ssm get-parameter --name /app/token)',
      'mysql --password=$DB_PASS',
      'redis-cli --pass s3cret',
      'app --client-secret abc123',
      'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '-----BEGIN RSA PRIVATE KEY-----',
    ].join('\n')
    expect(findScriptCredentials(script).map((c) => c.name)).toEqual(['DATABASE_PASSWORD', 'client-secret', 'private key'])
  })
})
