import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { findScriptCredentials, isSecretName, literalSecret, rangeInText } from './patterns.js'

export default defineRule({
  id: 'secrets/hardcoded-credential',
  severity: 'high',
  title: 'Credential written in the source',
  why: 'A password or token in the code is readable by everyone with access to the repository and its history, ends up in plan files and state, and cannot be rotated without a code change.',
  fix: 'Let the service manage it (`manage_master_user_password = true`, `ManageMasterUserPassword: true`), or generate it (random_password, GenerateSecretString) and reference it from Secrets Manager / SSM SecureString (`{{resolve:secretsmanager:…}}`); in user data, fetch it at boot instead of embedding it.',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html'],
  check({ aws }, report) {
    const { credentials, userData, inputs } = aws.secrets
    for (const credential of credentials) {
      // In a structured secret only the secret-named fields are secrets (`username` is not).
      if (credential.field !== undefined && !isSecretName(credential.field)) continue
      if (literalSecret(credential.value, inputs) === undefined) continue
      const what = credential.field ? `${credential.purpose} field ${credential.field}` : credential.purpose
      report({ at: credential.value, resource: credential.meta, element: what, message: `The ${what} is written in the source as a literal` })
    }
    for (const script of userData) {
      if (!isKnown(script.text)) continue
      for (const found of findScriptCredentials(script.text.value)) {
        report({
          at: { loc: rangeInText(script.text, found.index, script.firstTextLine) },
          resource: script.meta,
          element: found.name,
          message: `User data writes ${found.name} as a literal: anyone who can describe the instance reads it`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_db_instance" "main" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = "Sup3rS3cret!"
}
`,
          lines: [7],
        },
        {
          code: `resource "aws_launch_configuration" "web" {
  name          = "web"
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    export DATABASE_PASSWORD="SomeSortOfPassword"
  EOF
}
`,
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "random_password" "db" {
  length = 32
}

resource "aws_db_instance" "main" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = random_password.db.result
}

resource "aws_rds_cluster" "other" {
  cluster_identifier          = "other"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      MasterUsername: app
      MasterUserPassword: Sup3rS3cret!
`,
          lines: [9],
        },
        {
          code: `Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: export DATABASE_PASSWORD=password1234
`,
          lines: [6],
        },
      ],
      good: [
        {
          code: `Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      MasterUsername: app
      MasterUserPassword: '{{resolve:secretsmanager:app-db:SecretString:password}}'
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: export SSM_PATH=/database/creds
`,
        },
      ],
    },
  },
})
