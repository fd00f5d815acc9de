import { describe, expect, it } from 'vitest'
import { handlers as tfSecrets } from '../../src/extract/terraform/secrets.js'
import { handlers as cfnSecrets } from '../../src/extract/cloudformation/secrets.js'
import { decodeBase64Text } from '../../src/extract/secret-sources.js'
import { isUnknown } from '../../src/model/source.js'
import type { Diagnostic } from '../../src/parse/types.js'
import { extractWith } from './infra-fixtures.js'

describe('Secrets Manager secrets and rotation', () => {
  it('Terraform: a rotation resource joins its secret by reference; a secret without one has none', () => {
    const model = extractWith(
      [tfSecrets],
      [
        { type: 'aws_secretsmanager_secret_rotation', address: 'aws_secretsmanager_secret_rotation.db', body: '{ "secret_id": "${aws_secretsmanager_secret.db.id}" }' },
        { type: 'aws_secretsmanager_secret', address: 'aws_secretsmanager_secret.db', line: 5, body: '{ "name": "db" }' },
        { type: 'aws_secretsmanager_secret', address: 'aws_secretsmanager_secret.api', line: 9, body: '{ "name": "api" }' },
        { type: 'aws_secretsmanager_secret_version', address: 'aws_secretsmanager_secret_version.api', line: 12, body: '{ "secret_id": "${aws_secretsmanager_secret.api.id}", "secret_string": "hunter2" }' },
      ],
    )
    const [db, api] = model.secrets.secrets
    expect(db!.rotation?.enabled.value).toBe(true)
    expect(api!.rotation).toBeUndefined()
    expect(model.secrets.credentials).toMatchObject([{ purpose: 'secret string', value: { value: 'hunter2', loc: { startLine: 13 } } }])
  })

  it('CloudFormation: RotationSchedule joins by Ref; a literal SecretString is a credential, GenerateSecretString is not', () => {
    const model = extractWith(
      [cfnSecrets],
      [
        { type: 'AWS::SecretsManager::Secret', address: 'Db', file: 't.yaml', body: '{ "GenerateSecretString": { "PasswordLength": 32 } }' },
        { type: 'AWS::SecretsManager::RotationSchedule', address: 'DbRotation', file: 't.yaml', line: 5, body: '{ "SecretId": "${Db}", "RotationRules": { "AutomaticallyAfterDays": 30 } }' },
        { type: 'AWS::SecretsManager::Secret', address: 'Api', file: 't.yaml', line: 9, body: '{ "SecretString": "{\\"token\\":\\"abc\\"}" }' },
      ],
    )
    expect(model.secrets.secrets.map((s) => s.rotation !== undefined)).toEqual([true, false])
    expect(model.secrets.credentials).toHaveLength(1)
    expect(model.secrets.credentials[0]!.meta.address).toBe('Api')
  })
})

describe('credential attributes', () => {
  it('Terraform database, directory and cache passwords, known or not', () => {
    const model = extractWith(
      [tfSecrets],
      [
        { type: 'aws_db_instance', address: 'aws_db_instance.a', body: '{ "password": "Sup3rSecret!" }' },
        { type: 'aws_rds_cluster', address: 'aws_rds_cluster.b', line: 3, body: '{ "master_password": "${random_password.db.result}" }' },
        { type: 'aws_directory_service_directory', address: 'aws_directory_service_directory.c', line: 6, body: '{ "password": "Dir3ctory!" }' },
        { type: 'aws_elasticache_replication_group', address: 'aws_elasticache_replication_group.d', line: 9, body: '{ "auth_token": "tok-0123456789abcdef" }' },
      ],
    )
    const credentials = model.secrets.credentials
    expect(credentials.map((c) => c.meta.address)).toEqual(['aws_db_instance.a', 'aws_rds_cluster.b', 'aws_directory_service_directory.c', 'aws_elasticache_replication_group.d'])
    expect(isUnknown(credentials[1]!.value.value)).toBe(true)
    expect(credentials[2]!.purpose).toBe('directory administrator password')
  })

  it('CloudFormation master passwords and a structured secret field by field', () => {
    const model = extractWith(
      [cfnSecrets],
      [
        { type: 'AWS::RDS::DBCluster', address: 'Cluster', file: 't.yaml', body: '{ "MasterUserPassword": "{{resolve:secretsmanager:db:SecretString:password}}" }' },
        { type: 'AWS::Redshift::Cluster', address: 'Warehouse', file: 't.yaml', line: 4, body: '{ "MasterUserPassword": "Redsh1ft!" }' },
        { type: 'AWS::SecretsManager::Secret', address: 'Structured', file: 't.yaml', line: 8, body: '{ "SecretString": { "username": "admin", "password": "p4ss" } }' },
      ],
    )
    expect(model.secrets.credentials.map((c) => [c.meta.address, c.purpose, c.field, c.value.value])).toEqual([
      ['Cluster', 'database master password', undefined, '{{resolve:secretsmanager:db:SecretString:password}}'],
      ['Warehouse', 'database master password', undefined, 'Redsh1ft!'],
      ['Structured', 'secret string', 'username', 'admin'],
      ['Structured', 'secret string', 'password', 'p4ss'],
    ])
  })
})

describe('SSM parameters', () => {
  it('reads type and value in both frameworks; CloudFormation type defaults to String', () => {
    const tf = extractWith([tfSecrets], [{ type: 'aws_ssm_parameter', address: 'aws_ssm_parameter.p', body: '{ "name": "/app/db_password", "type": "String", "value": "x" }' }])
    expect(tf.secrets.ssmParameters[0]).toMatchObject({ name: { value: '/app/db_password' }, type: { value: 'String' }, value: { value: 'x' } })
    const cfn = extractWith([cfnSecrets], [{ type: 'AWS::SSM::Parameter', address: 'P', file: 't.yaml', body: '{ "Name": "/app/token", "Value": "y" }' }])
    expect(cfn.secrets.ssmParameters[0]).toMatchObject({ type: { value: 'String', explicit: false }, value: { value: 'y' } })
  })
})

describe('environments', () => {
  it('Terraform Lambda variables keep name and value positions', () => {
    const body = `{
  "function_name": "f",
  "environment": [{ "variables": {
    "DB_PASSWORD": "hunter2",
    "STAGE": "prod"
  } }]
}`
    const model = extractWith([tfSecrets], [{ type: 'aws_lambda_function', address: 'aws_lambda_function.f', body }])
    const environment = model.secrets.environments[0]!
    expect(environment.service).toBe('lambda')
    expect(environment.variables.map((v) => [v.name, v.nameLoc.startLine, v.value.value])).toEqual([
      ['DB_PASSWORD', 5, 'hunter2'],
      ['STAGE', 6, 'prod'],
    ])
  })

  it('Terraform ECS container definitions from JSON text, positioned through the text origin', () => {
    const definitions = '[{"name":"app","environment":[{"name":"API_TOKEN","value":"abc"}]}]'
    const model = extractWith([tfSecrets], [{ type: 'aws_ecs_task_definition', address: 'aws_ecs_task_definition.t', body: JSON.stringify({ container_definitions: definitions }) }])
    expect(model.secrets.environments[0]!.variables.map((v) => [v.name, v.value.value])).toEqual([['API_TOKEN', 'abc']])
  })

  it('invalid container JSON is a diagnostic, not a crash', () => {
    let diagnostics: Diagnostic[] = []
    const model = extractWith([tfSecrets], [{ type: 'aws_batch_job_definition', address: 'aws_batch_job_definition.j', body: '{ "container_properties": "{ not json" }' }], (context) => {
      diagnostics = context.diagnostics
    })
    expect(model.secrets.environments).toEqual([])
    expect(diagnostics).toMatchObject([{ kind: 'parse-error', loc: { startLine: 2 } }])
  })

  it('CloudFormation ECS, Batch and SAM environments', () => {
    const model = extractWith(
      [cfnSecrets],
      [
        { type: 'AWS::ECS::TaskDefinition', address: 'Task', file: 't.yaml', body: '{ "ContainerDefinitions": [{ "Environment": [{ "Name": "AWS_ACCESS_KEY_ID", "Value": "AKIAIOSFODNN7EXAMPLE" }] }] }' },
        { type: 'AWS::Batch::JobDefinition', address: 'Job', file: 't.yaml', line: 4, body: '{ "ContainerProperties": { "Environment": [{ "Name": "SECRET", "Value": "s" }] } }' },
        { type: 'AWS::Serverless::Function', address: 'Fn', file: 't.yaml', line: 8, body: '{ "Environment": { "Variables": { "TOKEN": "t" } } }' },
      ],
    )
    expect(model.secrets.environments.map((e) => [e.service, e.variables.map((v) => v.name)])).toEqual([
      ['ecs', ['AWS_ACCESS_KEY_ID']],
      ['batch', ['SECRET']],
      ['lambda', ['TOKEN']],
    ])
  })
})

describe('user data', () => {
  it('decodes base64 and keeps plain scripts as written', () => {
    expect(decodeBase64Text('ZXhwb3J0IEVESVRPUj12aW1hY3M=')).toBe('export EDITOR=vimacs')
    expect(decodeBase64Text('export GREETING=hello')).toBeUndefined()
    expect(decodeBase64Text('#!/bin/bash')).toBeUndefined()
  })

  it('Terraform instances, launch templates and launch configurations', () => {
    const model = extractWith(
      [tfSecrets],
      [
        { type: 'aws_instance', address: 'aws_instance.a', body: '{ "user_data": "export A=1" }' },
        { type: 'aws_launch_configuration', address: 'aws_launch_configuration.b', line: 3, body: '{ "user_data_base64": "ZXhwb3J0IEVESVRPUj12aW1hY3M=" }' },
        { type: 'aws_launch_template', address: 'aws_launch_template.c', line: 6, body: '{ "user_data": "${data.template_file.init.rendered}" }' },
      ],
    )
    const texts = model.secrets.userData.map((u) => u.text.value)
    expect(texts[0]).toBe('export A=1')
    expect(texts[1]).toBe('export EDITOR=vimacs')
    expect(isUnknown(texts[2])).toBe(true)
  })

  it('CloudFormation Fn::Base64 of a literal is the literal', () => {
    const model = extractWith(
      [cfnSecrets],
      [
        { type: 'AWS::EC2::Instance', address: 'Host', file: 't.yaml', body: '{ "UserData": { "Fn::Base64": "export DATABASE_PASSWORD=x" } }' },
        { type: 'AWS::EC2::LaunchTemplate', address: 'Template', file: 't.yaml', line: 4, body: '{ "LaunchTemplateData": { "UserData": "export B=2" } }' },
      ],
    )
    expect(model.secrets.userData.map((u) => u.text.value)).toEqual(['export DATABASE_PASSWORD=x', 'export B=2'])
  })
})
