import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

export default defineRule({
  id: 'secrets/secret-no-rotation',
  severity: 'low',
  title: 'Secrets Manager secret is never rotated',
  why: 'A secret that never changes stays valid for as long as anyone who ever saw it (a departed engineer, a leaked log, a backup) wants to use it; rotation bounds that window. Severity: low: rotation limits how long a leaked secret stays useful; an unrotated secret is not exposed by that alone.',
  fix: 'Add an `aws_secretsmanager_secret_rotation` (Terraform) or `AWS::SecretsManager::RotationSchedule` (CloudFormation) for the secret, or let the owning service manage it (RDS `manage_master_user_password`).',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  check({ aws }, report) {
    for (const secret of aws.secrets.secrets) {
      if (!secret.rotation) {
        report({ at: { loc: firstLine(secret.meta.loc) }, resource: secret.meta, message: 'No rotation is configured for the secret in the code' })
      } else if (secret.rotation.enabled.value === false) {
        report({ at: secret.rotation.enabled, resource: secret.meta, message: 'Rotation of the secret is turned off' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_secretsmanager_secret" "db" {
  name = "app/db"
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_secretsmanager_secret" "db" {
  name = "app/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-db"

  rotation_rules {
    automatically_after_days = 30
  }
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: app/db
      GenerateSecretString:
        PasswordLength: 32
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: app/db
      GenerateSecretString:
        PasswordLength: 32
  DbSecretRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref DbSecret
      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate-db
      RotationRules:
        AutomaticallyAfterDays: 30
`,
        },
      ],
    },
  },
})
