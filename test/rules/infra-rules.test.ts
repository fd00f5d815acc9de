import { describe, expect, it } from 'vitest'
import { handlers as tfTrail } from '../../src/extract/terraform/cloudtrail.js'
import { handlers as tfWatch } from '../../src/extract/terraform/cloudwatch.js'
import { handlers as tfSecrets } from '../../src/extract/terraform/secrets.js'
import { handlers as cfnSecrets } from '../../src/extract/cloudformation/secrets.js'
import { handlers as tfEc2 } from '../../src/extract/terraform/ec2.js'
import { emptyModel, type AwsModel, type PublicAccessBlock, type S3Bucket } from '../../src/model/aws.js'
import { attr, type SourceRange } from '../../src/model/source.js'
import { widenValueFixes } from '../../src/rules/fix.js'
import { runRules } from '../../src/rules/run.js'
import type { AnyRule, Finding } from '../../src/rules/types.js'
import { rules as trailRules } from '../../src/rules/trail/index.js'
import { rules as secretsRules } from '../../src/rules/secrets/index.js'
import { rules as vpceRules } from '../../src/rules/vpce/index.js'
import { rules as monitoringRules } from '../../src/rules/monitoring/index.js'
import { rules as s3Rules } from '../../src/rules/s3/index.js'
import { extractWith } from '../extract/infra-fixtures.js'

const allRules = [...trailRules, ...secretsRules, ...vpceRules, ...monitoringRules, ...s3Rules]

function rule(id: string): AnyRule {
  const found = allRules.find((r) => r.id === id)
  if (!found) throw new Error(`no rule ${id}`)
  return found
}

function run(id: string, model: AwsModel, params: Record<string, unknown> = {}): Finding[] {
  const r = rule(id)
  const { findings, errors } = runRules(model, [{ rule: r, params: { ...(r.params?.defaults ?? {}), ...params }, severity: r.severity }])
  expect(errors).toEqual([])
  return findings
}

const lines = (findings: Finding[]) => findings.map((f) => f.loc.startLine)

describe('trail rules on an extracted model', () => {
  const defaults = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', line: 1, body: '{ "name": "t", "s3_bucket_name": "b" }' }])
  const explicit = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', line: 1, body: '{\n"is_multi_region_trail": false,\n"enable_logging": false,\n"include_global_service_events": false,\n"kms_key_id": "k",\n"cloud_watch_logs_group_arn": "g"\n}' }])

  it('a defaulted setting is reported at the resource line, a written one at its own line with a value fix', () => {
    expect(lines(run('trail/not-multi-region', defaults))).toEqual([1])
    const [written] = run('trail/not-multi-region', explicit)
    expect(written!.loc.startLine).toBe(3)
    expect(written!.fix).toMatchObject({ replacement: 'true', valueOnly: true })
    expect(lines(run('trail/logging-disabled', explicit))).toEqual([4])
    expect(lines(run('trail/global-events-disabled', explicit))).toEqual([5])
  })

  it('defaults that are safe stay silent', () => {
    expect(run('trail/logging-disabled', defaults)).toEqual([])
    expect(run('trail/global-events-disabled', defaults)).toEqual([])
  })

  it('encryption and CloudWatch delivery: missing at the resource, a group without a role at the group', () => {
    expect(lines(run('trail/not-encrypted', defaults))).toEqual([1])
    expect(run('trail/not-encrypted', explicit)).toEqual([])
    expect(lines(run('trail/no-cloudwatch-logs', defaults))).toEqual([1])
    expect(lines(run('trail/no-cloudwatch-logs', explicit))).toEqual([7])
  })

  it('no-data-events reports once for the whole scan, and not when one trail records data events', () => {
    const two = extractWith([tfTrail], [
      { type: 'aws_cloudtrail', address: 'aws_cloudtrail.a', line: 1, body: '{ "name": "a" }' },
      { type: 'aws_cloudtrail', address: 'aws_cloudtrail.b', line: 5, body: '{ "name": "b" }' },
    ])
    const findings = run('trail/no-data-events', two)
    expect(lines(findings)).toEqual([1])
    expect(findings[0]!.related).toHaveLength(1)
    const withData = extractWith([tfTrail], [
      { type: 'aws_cloudtrail', address: 'aws_cloudtrail.a', line: 1, body: '{ "name": "a" }' },
      { type: 'aws_cloudtrail', address: 'aws_cloudtrail.b', line: 5, body: '{ "name": "b", "event_selector": [{ "data_resource": [{ "type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"] }] }] }' },
    ])
    expect(run('trail/no-data-events', withData)).toEqual([])
  })

  it('bucket-public-or-unlogged judges the linked bucket: public ACL at the ACL, missing logging at the bucket', () => {
    const loc = (line: number): SourceRange => ({ file: 'main.tf', startLine: line, endLine: line })
    const bucket: S3Bucket = { meta: { address: 'aws_s3_bucket.logs', sourceType: 'aws_s3_bucket', loc: { file: 'main.tf', startLine: 20, endLine: 24 }, suppressions: [] }, name: attr('logs', loc(21)), acl: attr('public-read', loc(22)) }
    const model = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', body: '{ "name": "t", "s3_bucket_name": "${aws_s3_bucket.logs.id}" }' }], (context) => context.register('bucket', 'aws_s3_bucket.logs', bucket))
    expect(lines(run('trail/bucket-public-or-unlogged', model))).toEqual([22, 20])
    bucket.acl = attr('private', loc(22))
    bucket.loggingTarget = attr('access-logs', loc(23))
    expect(run('trail/bucket-public-or-unlogged', model)).toEqual([])
  })
})

describe('monitoring/api-alarms-missing', () => {
  const trail = { type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', line: 1, body: '{ "name": "t", "cloud_watch_logs_group_arn": "${aws_cloudwatch_log_group.trail.arn}", "cloud_watch_logs_role_arn": "r" }' }
  const group = { type: 'aws_cloudwatch_log_group', address: 'aws_cloudwatch_log_group.trail', line: 5, body: '{ "name": "trail" }' }
  const filter = (address: string, pattern: string, metric: string, line: number) => ({
    type: 'aws_cloudwatch_log_metric_filter',
    address,
    line,
    body: JSON.stringify({ log_group_name: '${aws_cloudwatch_log_group.trail.name}=trail', pattern, metric_transformation: [{ name: metric, namespace: 'CIS' }] }),
  })
  const alarm = (metric: string, line: number) => ({ type: 'aws_cloudwatch_metric_alarm', address: `aws_cloudwatch_metric_alarm.${metric}`, line, body: JSON.stringify({ metric_name: metric, namespace: 'CIS' }) })

  it('names the CIS items without an alarmed filter', () => {
    const model = extractWith([tfTrail, tfWatch], [trail, group, filter('aws_cloudwatch_log_metric_filter.root', '{ $.userIdentity.type = "Root" }', 'Root', 10), alarm('Root', 20), filter('aws_cloudwatch_log_metric_filter.denied', '{ $.errorCode = "AccessDenied*" }', 'Denied', 30)])
    const [finding] = run('monitoring/api-alarms-missing', model)
    expect(finding!.loc.startLine).toBe(2)
    expect(finding!.message).toContain('unauthorized API calls')
    expect(finding!.message).not.toContain('root account use')
  })

  it('is silent when every item has a filter with an alarm on the trail group', () => {
    const items = [
      ['{ $.errorCode = "*UnauthorizedOperation" }', 'A'],
      ['{ $.userIdentity.type = "Root" }', 'B'],
      ['{ $.eventName = DeleteRolePolicy }', 'C'],
      ['{ $.eventName = StopLogging }', 'D'],
      ['{ $.eventSource = organizations.amazonaws.com }', 'E'],
    ]
    const specs = items.flatMap(([pattern, metric], i) => [filter(`aws_cloudwatch_log_metric_filter.f${i}`, pattern!, metric!, 10 + i), alarm(metric!, 30 + i)])
    const model = extractWith([tfTrail, tfWatch], [trail, group, ...specs])
    expect(run('monitoring/api-alarms-missing', model)).toEqual([])
  })
})

describe('secrets rules', () => {
  it('hardcoded-aws-key points at the line inside user data and masks the key ID', () => {
    const model = emptyModel()
    const text = '#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'
    const meta = { address: 'aws_instance.a', sourceType: 'aws_instance', loc: { file: 'main.tf', startLine: 1, endLine: 9 }, suppressions: [] }
    model.secrets.userData.push({ meta, text: attr(text, { file: 'main.tf', startLine: 4, endLine: 8 }), firstTextLine: 5 })
    // The parser also lists the heredoc as a literal: the same keys must not be reported twice.
    model.secrets.literals.push({ key: 'user_data', value: attr(text, { file: 'main.tf', startLine: 4, endLine: 8 }) })
    const findings = run('secrets/hardcoded-aws-key', model)
    expect(findings.map((f) => [f.loc.startLine, f.message])).toEqual([
      [6, 'AWS access key ID AKIA…MPLE is written in the source'],
      [7, 'An AWS secret access key is written in the source'],
    ])
    for (const finding of findings) expect(JSON.stringify(finding)).not.toMatch(/IOSFODNN7|wJalrXUtnFEMI/)
  })

  it('hardcoded-aws-key finds a secret key only next to a secret-like name', () => {
    const model = emptyModel()
    const at = (line: number): SourceRange => ({ file: 'main.tf', startLine: line, endLine: line })
    model.secrets.literals.push({ key: 'secret_key', value: attr('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', at(3)) })
    model.secrets.literals.push({ key: 'commit', value: attr('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', at(4)) })
    expect(lines(run('secrets/hardcoded-aws-key', model))).toEqual([3])
  })

  it('hardcoded-credential: literal passwords, input defaults a credential takes, and script secrets; references and usernames are not', () => {
    const model = extractWith(
      [tfSecrets],
      [
        { type: 'aws_db_instance', address: 'aws_db_instance.a', line: 1, body: '{ "password": "Sup3rSecret!" }' },
        { type: 'aws_rds_cluster', address: 'aws_rds_cluster.b', line: 4, body: '{ "master_password": "${random_password.db.result}" }' },
        { type: 'aws_secretsmanager_secret_version', address: 'aws_secretsmanager_secret_version.c', line: 7, body: '{ "secret_string": { "username": "app", "password": "p4ssw0rd" } }' },
        { type: 'aws_docdb_cluster', address: 'aws_docdb_cluster.d', line: 10, body: '{ "master_password": "${var.docdb_password}=fromdefault" }' },
        { type: 'aws_launch_configuration', address: 'aws_launch_configuration.e', line: 13, body: '{ "user_data": "export DATABASE_PASSWORD=\\\\\\"SomeSortOfPassword\\\\\\"\\nexport SSM_PATH=/database/creds" }' },
      ],
    )
    // The docdb value resolves to a variable default written on line 11: the literal is reported there, where it is written.
    model.secrets.inputs.push({ name: 'docdb_password', loc: { file: 'main.tf', startLine: 11, endLine: 11 }, hidden: attr(true, { file: 'main.tf', startLine: 11, endLine: 11 }), meta: { address: 'docdb_password', sourceType: 'variable', loc: { file: 'main.tf', startLine: 11, endLine: 11 }, suppressions: [] } })
    const findings = run('secrets/hardcoded-credential', model)
    expect(findings.map((f) => [f.loc.startLine, f.element])).toEqual([
      [2, 'database master password'],
      [8, 'secret string field password'],
      [11, 'database master password'],
      [14, 'DATABASE_PASSWORD'],
    ])
    for (const finding of findings) expect(finding.message).not.toMatch(/Sup3r|p4ss|SomeSort/)
  })

  it('plaintext-env flags secret-named literals, not references or ordinary names', () => {
    const model = extractWith(
      [cfnSecrets],
      [
        {
          type: 'AWS::ECS::TaskDefinition',
          address: 'Task',
          file: 't.yaml',
          body: JSON.stringify({
            ContainerDefinitions: [{ Environment: [
              { Name: 'AWS_ACCESS_KEY_ID', Value: 'AIPA8YOHGIS58IBFDU3E' },
              { Name: 'DB_PASSWORD_ARN', Value: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:x' },
              { Name: 'API_TOKEN', Value: '{{resolve:secretsmanager:token}}' },
              { Name: 'ENVIRONMENT', Value: 'development' },
              { Name: 'ClientSecret', Value: 'abc123' },
            ] }],
          }),
        },
      ],
    )
    expect(run('secrets/plaintext-env', model).map((f) => f.element)).toEqual(['AWS_ACCESS_KEY_ID', 'ClientSecret'])
  })

  it('ssm-parameter-plaintext: secret names or values in String parameters only', () => {
    const model = extractWith(
      [tfSecrets],
      [
        { type: 'aws_ssm_parameter', address: 'aws_ssm_parameter.a', line: 1, body: '{ "name": "/app/db_password", "type": "String", "value": "x" }' },
        { type: 'aws_ssm_parameter', address: 'aws_ssm_parameter.b', line: 4, body: '{ "name": "/app/config", "type": "String", "value": "AKIAIOSFODNN7EXAMPLE" }' },
        { type: 'aws_ssm_parameter', address: 'aws_ssm_parameter.c', line: 7, body: '{ "name": "/app/db_password", "type": "SecureString", "value": "x" }' },
        { type: 'aws_ssm_parameter', address: 'aws_ssm_parameter.d', line: 10, body: '{ "name": "/app/db_password_arn", "type": "String", "value": "arn:x" }' },
      ],
    )
    expect(lines(run('secrets/ssm-parameter-plaintext', model))).toEqual([2, 5])
  })

  it('secret-no-rotation and cfn-parameter-no-echo', () => {
    const model = extractWith([tfSecrets], [{ type: 'aws_secretsmanager_secret', address: 'aws_secretsmanager_secret.a', line: 3, body: '{ "name": "a" }' }])
    expect(lines(run('secrets/secret-no-rotation', model))).toEqual([3])
    const at = (line: number): SourceRange => ({ file: 't.yaml', startLine: line, endLine: line })
    const input = (name: string, line: number, hidden: boolean, defaultValue?: string) => ({
      name,
      loc: { file: 't.yaml', startLine: line, endLine: line + 3 },
      hidden: attr(hidden, at(line + 1), hidden),
      ...(defaultValue ? { defaultValue: attr(defaultValue, at(line + 2)) } : {}),
      meta: { address: name, sourceType: 'Parameter', loc: at(line), suppressions: [] },
    })
    model.secrets.inputs.push(input('DBPassword', 2, false), input('ApiKey', 10, true, 'k3y-value'), input('DBPasswordSecretArn', 20, false), input('Stage', 30, false, 'prod'))
    expect(run('secrets/cfn-parameter-no-echo', model).map((f) => [f.loc.startLine, f.element])).toEqual([
      [2, 'hidden'],
      [12, 'default'],
    ])
  })
})

describe('vpce rules on an extracted model', () => {
  const model = extractWith(
    [tfEc2],
    [
      { type: 'aws_vpc', address: 'aws_vpc.main', line: 1, body: '{ "cidr_block": "10.0.0.0/16" }' },
      { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.s3', line: 4, body: '{ "vpc_id": "${aws_vpc.main.id}", "service_name": "com.amazonaws.us-east-1.s3" }' },
      { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.sts', line: 8, body: '{ "vpc_id": "${aws_vpc.main.id}", "service_name": "com.amazonaws.us-east-1.sts", "vpc_endpoint_type": "Interface", "security_group_ids": ["${aws_security_group.sg.id}"], "policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"sts:AssumeRole\\",\\"Resource\\":\\"*\\",\\"Condition\\":{\\"StringEquals\\":{\\"aws:PrincipalOrgID\\":\\"o-1\\"}}}]}" }' },
      { type: 'aws_vpc_endpoint', address: 'aws_vpc_endpoint.gwlb', line: 12, body: '{ "vpc_id": "${aws_vpc.main.id}", "service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-123", "vpc_endpoint_type": "GatewayLoadBalancer" }' },
      { type: 'aws_security_group', address: 'aws_security_group.sg', line: 20, body: '{ "ingress": [{ "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"] }] }' },
    ],
  )

  it('policy rules judge gateway and interface endpoints only', () => {
    expect(lines(run('vpce/policy-full-access', model))).toEqual([4])
    // The gateway endpoint without a policy is policy-full-access's alone; the interface endpoint has an org condition.
    expect(lines(run('vpce/policy-no-org-boundary', model))).toEqual([])
  })

  it('private DNS defaults to off for interface endpoints', () => {
    expect(lines(run('vpce/private-dns-disabled', model))).toEqual([8])
  })

  it('open security group is reported at the open CIDR', () => {
    const findings = run('vpce/open-security-group', model)
    expect(findings.map((f) => [f.loc.startLine, f.element])).toEqual([[21, '0.0.0.0/0']])
  })

  it('required endpoints come from the params', () => {
    expect(run('vpce/required-endpoint-missing', model)).toEqual([])
    expect(run('vpce/required-endpoint-missing', model, { services: ['s3', 'STS'] })).toEqual([])
    const [finding] = run('vpce/required-endpoint-missing', model, { services: ['s3', 'ecr.api', 'logs'] })
    expect(finding).toMatchObject({ loc: { startLine: 1 }, message: 'The VPC has no endpoint for: ecr.api, logs' })
  })
})

describe('s3/public-access-block-missing', () => {
  const loc = (line: number): SourceRange => ({ file: 'main.tf', startLine: line, endLine: line })
  const meta = (address: string, line: number) => ({ address, sourceType: 'x', loc: { file: 'main.tf', startLine: line, endLine: line + 5 }, suppressions: [] })
  const block = (line: number, values: [boolean, boolean][]): PublicAccessBlock => {
    const [acls, policy, ignore, restrict] = values.map(([value, explicit], i) => attr(value, loc(explicit ? line + 1 + i : line), explicit))
    return { meta: meta('aws_s3_bucket_public_access_block.b', line), blockPublicAcls: acls!, blockPublicPolicy: policy!, ignorePublicAcls: ignore!, restrictPublicBuckets: restrict! }
  }
  const bucketWith = (publicAccessBlock?: PublicAccessBlock): S3Bucket => ({ meta: meta('aws_s3_bucket.b', 1), name: attr('b', loc(2)), ...(publicAccessBlock ? { publicAccessBlock } : {}) })

  it('no block: one finding at the bucket; an account block with all four covers it', () => {
    const model = emptyModel()
    model.s3.buckets.push(bucketWith())
    expect(lines(run('s3/public-access-block-missing', model))).toEqual([1])
    model.s3.accountPublicAccessBlocks.push(block(30, [[true, true], [true, true], [true, true], [true, true]]))
    expect(run('s3/public-access-block-missing', model)).toEqual([])
  })

  it('a partial block: written false at the setting, defaulted ones together at the block', () => {
    const model = emptyModel()
    model.s3.buckets.push(bucketWith(block(10, [[true, true], [false, true], [false, false], [false, false]])))
    const findings = run('s3/public-access-block-missing', model)
    expect(findings.map((f) => [f.loc.startLine, f.element])).toEqual([
      [12, 'BlockPublicPolicy'],
      [10, 'IgnorePublicAcls,RestrictPublicBuckets'],
    ])
  })
})

describe('value fixes become line fixes', () => {
  it('splices the replacement into the line, and drops a fix whose line does not match', () => {
    const fixOf = (startColumn: number, endColumn: number): Finding => ({
      ruleId: 'x', severity: 'low', title: 't', message: 'm', loc: { file: 'main.tf', startLine: 3, endLine: 3 },
      fix: { loc: { file: 'main.tf', startLine: 3, endLine: 3, startColumn, endColumn }, replacement: 'true', description: 'Turn it on', valueOnly: true },
    })
    const good = fixOf(27, 32)
    const stale = fixOf(40, 45)
    widenValueFixes([good, stale], (_file, line) => (line === 3 ? '  is_multi_region_trail = false' : undefined))
    expect(good.fix).toEqual({ loc: { file: 'main.tf', startLine: 3, endLine: 3 }, replacement: '  is_multi_region_trail = true', description: 'Turn it on' })
    expect(stale.fix).toBeUndefined()
  })
})
