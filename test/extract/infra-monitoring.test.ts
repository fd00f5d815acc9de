import { describe, expect, it } from 'vitest'
import { handlers as tfTrail } from '../../src/extract/terraform/cloudtrail.js'
import { handlers as cfnTrail } from '../../src/extract/cloudformation/cloudtrail.js'
import { handlers as tfConfig } from '../../src/extract/terraform/config.js'
import { handlers as cfnConfig } from '../../src/extract/cloudformation/config.js'
import { handlers as tfWatch } from '../../src/extract/terraform/cloudwatch.js'
import { handlers as cfnWatch } from '../../src/extract/cloudformation/cloudwatch.js'
import type { S3Bucket } from '../../src/model/aws.js'
import { attr, isUnknown } from '../../src/model/source.js'
import { extractWith } from './infra-fixtures.js'

const bucket: S3Bucket = {
  meta: { address: 'aws_s3_bucket.logs', sourceType: 'aws_s3_bucket', loc: { file: 'main.tf', startLine: 40, endLine: 42 }, suppressions: [] },
  name: attr('trail-logs', { file: 'main.tf', startLine: 41, endLine: 41 }),
}

describe('Terraform aws_cloudtrail', () => {
  it('takes the provider defaults when attributes are absent, at the resource line, not explicit', () => {
    const model = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', line: 3, body: '{ "name": "t", "s3_bucket_name": "b" }' }])
    const trail = model.cloudtrail.trails[0]!
    expect(trail.isMultiRegion).toMatchObject({ value: false, explicit: false, loc: { startLine: 3 } })
    expect(trail.logFileValidation.value).toBe(false)
    expect(trail.includeGlobalServiceEvents.value).toBe(true)
    expect(trail.isLogging.value).toBe(true)
    expect(trail.kmsKeyId).toBeUndefined()
    expect(trail.cloudWatchLogsGroupArn).toBeUndefined()
    expect(trail.dataEvents).toEqual([])
  })

  it('reads every attribute at its own line', () => {
    const body = `{
  "name": "org",
  "s3_bucket_name": "trail-logs",
  "is_multi_region_trail": true,
  "enable_log_file_validation": true,
  "kms_key_id": "\${aws_kms_key.trail.arn}",
  "cloud_watch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
  "cloud_watch_logs_role_arn": "\${aws_iam_role.cw.arn}",
  "include_global_service_events": false,
  "enable_logging": false
}`
    const model = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', line: 1, body }])
    const trail = model.cloudtrail.trails[0]!
    expect(trail.name.value).toBe('org')
    expect(trail.isMultiRegion).toMatchObject({ value: true, explicit: true, loc: { startLine: 5 } })
    expect(isUnknown(trail.kmsKeyId!.value)).toBe(true)
    expect(trail.kmsKeyId!.loc.startLine).toBe(7)
    expect(trail.includeGlobalServiceEvents).toMatchObject({ value: false, loc: { startLine: 10 } })
    expect(trail.isLogging).toMatchObject({ value: false, loc: { startLine: 11 } })
  })

  it('collects data events from event selectors and advanced event selectors', () => {
    const body = `{
  "name": "t", "s3_bucket_name": "b",
  "event_selector": [{ "read_write_type": "All", "data_resource": [{ "type": "AWS::S3::Object", "values": ["arn:aws:s3"] }] }],
  "advanced_event_selector": [{ "field_selector": [
    { "field": "eventCategory", "equals": ["Data"] },
    { "field": "resources.type", "equals": ["AWS::Lambda::Function"] }
  ] }]
}`
    const model = extractWith([tfTrail], [{ type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', body }])
    const events = model.cloudtrail.trails[0]!.dataEvents
    expect(events.map((e) => e.resourceType.value)).toEqual(['AWS::S3::Object', 'AWS::Lambda::Function'])
    expect(events[0]!.values.map((v) => v.value)).toEqual(['arn:aws:s3'])
    expect(events[1]!.loc.startLine).toBe(7)
  })

  it('links the bucket by reference and the log group by the name inside a literal ARN', () => {
    const model = extractWith(
      [tfTrail, tfWatch],
      [
        { type: 'aws_cloudtrail', address: 'aws_cloudtrail.main', body: '{ "name": "t", "s3_bucket_name": "${aws_s3_bucket.logs.id}", "cloud_watch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-group:*" }' },
        { type: 'aws_cloudwatch_log_group', address: 'aws_cloudwatch_log_group.trail', line: 10, body: '{ "name": "trail-group" }' },
      ],
      (context) => context.register('bucket', 'aws_s3_bucket.logs', bucket, ['trail-logs']),
    )
    const trail = model.cloudtrail.trails[0]!
    expect(trail.bucket).toBe(bucket)
    expect(trail.logGroup?.meta.address).toBe('aws_cloudwatch_log_group.trail')
  })
})

describe('CloudFormation AWS::CloudTrail::Trail', () => {
  it('reads properties, both spellings of the KMS key, and leaves a missing IsLogging unknown', () => {
    const model = extractWith(
      [cfnTrail],
      [
        { type: 'AWS::CloudTrail::Trail', address: 'Trail', file: 't.yaml', body: '{ "S3BucketName": "trail-logs", "KmsKeyId": "alias/trail", "IsMultiRegionTrail": "true" }' },
        { type: 'AWS::CloudTrail::Trail', address: 'Other', file: 't.yaml', line: 10, body: '{ "S3BucketName": "trail-logs", "IsLogging": false, "IncludeGlobalServiceEvents": false }' },
      ],
      (context) => context.register('bucket', 'Logs', bucket, ['trail-logs']),
    )
    const [first, second] = model.cloudtrail.trails
    expect(first!.kmsKeyId?.value).toBe('alias/trail')
    expect(first!.isMultiRegion.value).toBe(true)
    expect(isUnknown(first!.isLogging.value)).toBe(true)
    expect(first!.bucket).toBe(bucket)
    expect(second!.isLogging).toMatchObject({ value: false, loc: { startLine: 11 } })
    expect(second!.includeGlobalServiceEvents.value).toBe(false)
  })

  it('reads data resources and advanced field selectors', () => {
    const body = `{ "S3BucketName": "b", "IsLogging": true,
  "EventSelectors": [{ "DataResources": [{ "Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::data/"] }] }],
  "AdvancedEventSelectors": [{ "FieldSelectors": [{ "Field": "resources.type", "Equals": ["AWS::S3::Object"] }, { "Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::x/"] }] }]
}`
    const model = extractWith([cfnTrail], [{ type: 'AWS::CloudTrail::Trail', address: 'Trail', file: 't.yaml', body }])
    const events = model.cloudtrail.trails[0]!.dataEvents
    expect(events.map((e) => e.resourceType.value)).toEqual(['AWS::S3::Object', 'AWS::S3::Object'])
    expect(events[1]!.values.map((v) => v.value)).toEqual(['arn:aws:s3:::x/'])
  })
})

describe('Config recorders', () => {
  it('Terraform: defaults, and enabled only through a recorder status joined by name', () => {
    const model = extractWith(
      [tfConfig],
      [
        { type: 'aws_config_configuration_recorder_status', address: 'aws_config_configuration_recorder_status.main', line: 1, body: '{ "name": "${aws_config_configuration_recorder.main.name}=main", "is_enabled": false }' },
        { type: 'aws_config_configuration_recorder', address: 'aws_config_configuration_recorder.main', line: 5, body: '{ "name": "main", "recording_group": [{ "all_supported": false }] }' },
        { type: 'aws_config_configuration_recorder', address: 'aws_config_configuration_recorder.other', line: 20, body: '{ "name": "other" }' },
      ],
    )
    const [main, other] = model.config.recorders
    expect(main!.allSupported).toMatchObject({ value: false, explicit: true })
    expect(main!.includeGlobalResourceTypes).toMatchObject({ value: false, explicit: false })
    expect(main!.enabled).toMatchObject({ value: false, loc: { startLine: 2 } })
    expect(other!.allSupported.value).toBe(true)
    expect(isUnknown(other!.enabled.value)).toBe(true)
  })

  it('CloudFormation: all supported by default without a recording group, enabled once a delivery channel exists', () => {
    const model = extractWith(
      [cfnConfig],
      [
        { type: 'AWS::Config::ConfigurationRecorder', address: 'Recorder', file: 'a.yaml', body: '{ "RoleARN": "arn:aws:iam::111122223333:role/config" }' },
        { type: 'AWS::Config::DeliveryChannel', address: 'Channel', file: 'a.yaml', line: 8, body: '{ "S3BucketName": "cfg" }' },
        { type: 'AWS::Config::ConfigurationRecorder', address: 'Partial', file: 'b.yaml', body: '{ "RecordingGroup": { "ResourceTypes": ["AWS::S3::Bucket"] } }' },
      ],
    )
    const [recorder, partial] = model.config.recorders
    expect(recorder!.allSupported.value).toBe(true)
    expect(recorder!.includeGlobalResourceTypes.value).toBe(false)
    expect(recorder!.enabled.value).toBe(true)
    expect(partial!.allSupported.value).toBe(false)
    expect(isUnknown(partial!.enabled.value)).toBe(true)
  })
})

describe('CloudWatch log groups, metric filters and alarms', () => {
  it('Terraform: filters are joined to their log group; alarms keep metric and namespace', () => {
    const model = extractWith(
      [tfWatch],
      [
        { type: 'aws_cloudwatch_log_metric_filter', address: 'aws_cloudwatch_log_metric_filter.root', body: '{ "log_group_name": "${aws_cloudwatch_log_group.trail.name}=trail", "pattern": "{ $.userIdentity.type = \\"Root\\" }", "metric_transformation": [{ "name": "RootUse", "namespace": "CIS", "value": "1" }] }' },
        { type: 'aws_cloudwatch_log_group', address: 'aws_cloudwatch_log_group.trail', line: 10, body: '{ "name": "trail" }' },
        { type: 'aws_cloudwatch_metric_alarm', address: 'aws_cloudwatch_metric_alarm.root', line: 20, body: '{ "metric_name": "RootUse", "namespace": "CIS" }' },
      ],
    )
    const filter = model.cloudwatch.metricFilters[0]!
    expect(filter.pattern.value).toContain('Root')
    expect(filter.metricName.value).toBe('RootUse')
    expect(filter.logGroup?.meta.address).toBe('aws_cloudwatch_log_group.trail')
    expect(model.cloudwatch.alarms[0]).toMatchObject({ metricName: { value: 'RootUse' }, namespace: { value: 'CIS' } })
  })

  it('CloudFormation: metric transformations and alarm metrics', () => {
    const model = extractWith(
      [cfnWatch],
      [
        { type: 'AWS::Logs::LogGroup', address: 'TrailGroup', file: 't.yaml', body: '{}' },
        { type: 'AWS::Logs::MetricFilter', address: 'Root', file: 't.yaml', line: 5, body: '{ "LogGroupName": "${TrailGroup}", "FilterPattern": "x", "MetricTransformations": [{ "MetricName": "RootUse", "MetricNamespace": "CIS", "MetricValue": "1" }] }' },
        { type: 'AWS::CloudWatch::Alarm', address: 'RootAlarm', file: 't.yaml', line: 10, body: '{ "MetricName": "RootUse", "Namespace": "CIS" }' },
      ],
    )
    expect(model.cloudwatch.metricFilters[0]).toMatchObject({ metricName: { value: 'RootUse' }, metricNamespace: { value: 'CIS' } })
    expect(model.cloudwatch.metricFilters[0]!.logGroup?.meta.address).toBe('TrailGroup')
    expect(model.cloudwatch.alarms[0]!.metricName.value).toBe('RootUse')
  })
})
