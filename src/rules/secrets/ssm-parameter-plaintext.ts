import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { findAwsKeys, findScriptCredentials, isSecretName } from './patterns.js'

/** The last segment of a parameter path: `/app/prod/db_password` → `db_password`. */
function leafName(name: string): string {
  return name.split('/').filter(Boolean).pop() ?? name
}

export default defineRule({
  id: 'secrets/ssm-parameter-plaintext',
  severity: 'medium',
  title: 'Secret stored in a plaintext SSM parameter',
  why: 'String and StringList parameters are stored unencrypted and returned to anyone with ssm:GetParameter; only SecureString encrypts the value with KMS and requires kms:Decrypt to read it. Severity: medium: the value is unencrypted and readable by anyone with ssm:GetParameter, though it is not in the repository.',
  fix: 'Use `type = "SecureString"` (Terraform, with a KMS key), or store the secret in Secrets Manager (CloudFormation cannot create SecureString parameters).',
  links: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html'],
  check({ aws }, report) {
    for (const parameter of aws.secrets.ssmParameters) {
      const type = parameter.type.value
      if (type !== 'String' && type !== 'StringList') continue
      const name = isKnown(parameter.name) ? leafName(parameter.name.value) : undefined
      const value = parameter.value && isKnown(parameter.value) ? parameter.value.value : undefined
      const secretName = name !== undefined && isSecretName(name)
      const secretValue = value !== undefined && (findAwsKeys(value).length > 0 || findScriptCredentials(value).length > 0)
      if (!secretName && !secretValue) continue
      report({
        at: parameter.type.explicit ? parameter.type : { loc: firstLine(parameter.meta.loc) },
        resource: parameter.meta,
        message: secretName ? `Parameter ${name} looks secret but is stored as plaintext ${type}` : `The parameter's value holds credentials but is stored as plaintext ${type}`,
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_ssm_parameter" "db_password" {
  name  = "/app/prod/db_password"
  type  = "String"
  value = random_password.db.result
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `resource "aws_ssm_parameter" "db_password" {
  name  = "/app/prod/db_password"
  type  = "SecureString"
  value = random_password.db.result
}

resource "aws_ssm_parameter" "stage" {
  name  = "/app/prod/stage"
  type  = "String"
  value = "prod"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  ApiToken:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/prod/api-token
      Type: String
      Value: placeholder
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `Resources:
  Stage:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/prod/stage
      Type: String
      Value: prod
`,
        },
      ],
    },
  },
})
