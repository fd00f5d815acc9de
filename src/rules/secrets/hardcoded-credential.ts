import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { findScriptCredentials, isSecretName, literalSecret, rangeInText } from './patterns.js'

export default defineRule({
  id: 'secrets/hardcoded-credential',
  severity: 'high',
  title: 'Credential written in the source',
  why: 'A password or token in the code is readable by everyone with access to the repository and its history, ends up in plan files and state, and cannot be rotated without a code change. Severity: high: anyone who reads the repository or its history holds the credential; not critical, because it opens one system, not the AWS account.',
  fix: 'Let the service manage it (`manage_master_user_password = true`, `ManageMasterUserPassword: true`), or generate it (random_password, GenerateSecretString) and reference it from Secrets Manager / SSM SecureString (`{{resolve:secretsmanager:…}}`); in user data, fetch it at boot instead of embedding it.',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html'],
  check({ aws }, report) {
    const { credentials, userData } = aws.secrets
    for (const credential of credentials) {
      // In a structured secret only the secret-named fields are secrets (`username` is not).
      if (credential.field !== undefined && !isSecretName(credential.field)) continue
      // A parameter's default that a credential property uses is judged here, at the default, whatever the parameter is called.
      if (literalSecret(credential.value, []) === undefined) continue
      const what = credential.field ? `${credential.purpose} field ${credential.field}` : credential.purpose
      const usedAt = credential.usedAt ? [{ loc: credential.usedAt, message: `The ${what} takes this literal default here` }] : undefined
      report({ at: credential.value, resource: credential.meta, element: what, message: `The ${what} is written in the source as a literal`, ...(usedAt ? { related: usedAt } : {}) })
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
        {
          code: `resource "aws_dms_endpoint" "source" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "postgres"
  username      = "dms_user"
  password      = "Tr0ub4dor&3"
}

resource "aws_amplify_branch" "main" {
  app_id                 = "d1example"
  branch_name            = "main"
  enable_basic_auth      = true
  basic_auth_credentials = base64encode("preview:letmein-preview")
}
`,
          lines: [6, 13],
        },
        {
          code: `variable "replication_login" {
  type    = string
  default = "Tr0ub4dor&3"
}

resource "aws_dms_endpoint" "target" {
  endpoint_id   = "target"
  endpoint_type = "target"
  engine_name   = "postgres"
  username      = "dms_user"
  password      = var.replication_login
}
`,
          lines: [3],
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
        {
          code: `Parameters:
  ReplicationUser:
    Type: String
    Default: dms_user
  SourceLogin:
    Type: String
    Default: Tr0ub4dor&3
Resources:
  Source:
    Type: AWS::DMS::Endpoint
    Properties:
      EndpointType: source
      EngineName: postgres
      Username: !Ref ReplicationUser
      Password: !Ref SourceLogin
`,
          lines: [7],
        },
        {
          code: `Resources:
  Site:
    Type: AWS::Amplify::App
    Properties:
      Name: site
      Repository: https://github.com/example/site
      AccessToken: s3cr3t-repo-t0ken-value
  Main:
    Type: AWS::Amplify::Branch
    Properties:
      AppId: !GetAtt Site.AppId
      BranchName: main
      BasicAuthConfig:
        EnableBasicAuth: true
        Username: preview
        Password: letmein-preview
`,
          lines: [7, 16],
        },
        {
          code: `Resources:
  Skill:
    Type: Alexa::ASK::Skill
    Properties:
      VendorId: M1EXAMPLE
      SkillPackage:
        S3Bucket: skill-packages
        S3Key: skill.zip
      AuthenticationConfiguration:
        ClientId: amzn1.application-oa2-client.example
        ClientSecret: n0t-s0-secret-client-value
        RefreshToken: Atzr|r3fr3sh-t0ken-value
  Operator:
    Type: AWS::IAM::User
    Properties:
      LoginProfile:
        Password: Welcome-2024!
        PasswordResetRequired: true
`,
          lines: [11, 12, 17],
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
        {
          code: `Parameters:
  RepositoryToken:
    Type: String
    NoEcho: true
Resources:
  Site:
    Type: AWS::Amplify::App
    Properties:
      Name: site
      Repository: https://github.com/example/site
      AccessToken: !Ref RepositoryToken
      BasicAuthConfig:
        EnableBasicAuth: true
        Username: preview
        Password: '{{resolve:secretsmanager:site-preview:SecretString:password}}'
  Source:
    Type: AWS::DMS::Endpoint
    Properties:
      EndpointType: source
      EngineName: postgres
      Username: dms_user
      Password: '{{resolve:secretsmanager:dms-source:SecretString:password}}'
`,
        },
        {
          // A skeleton copied from the property reference's syntax block still holds its placeholder, not a token.
          code: `Resources:
  Site:
    Type: AWS::Amplify::App
    Properties:
      Name: site
      OauthToken: String
`,
        },
      ],
    },
  },
})
