import type { Trail } from '../../model/aws.js'
import { Unknown, attr, firstLine } from '../../model/source.js'
import type { MapValue, Value } from '../../parse/value.js'
import { field } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { lookupLogGroup } from '../log-groups.js'
import { advancedSelectorDataEvents, type AdvancedSelectorKeys } from '../trail-selectors.js'
import { boolOr, items, knownValue, metaOf, optionalString, path, stringList, stringOr, toString } from '../values.js'

const trail: Handler = (resource, context) => {
  const bucketValue = path(resource.body, 's3_bucket_name')
  const model: Trail = {
    meta: metaOf(resource),
    name: stringOr(resource, 'name', ''),
    isMultiRegion: boolOr(resource, 'is_multi_region_trail', false),
    logFileValidation: boolOr(resource, 'enable_log_file_validation', false),
    kmsKeyId: optionalString(resource, 'kms_key_id'),
    cloudWatchLogsGroupArn: optionalString(resource, 'cloud_watch_logs_group_arn'),
    cloudWatchLogsRoleArn: optionalString(resource, 'cloud_watch_logs_role_arn'),
    includeGlobalServiceEvents: boolOr(resource, 'include_global_service_events', true),
    isLogging: boolOr(resource, 'enable_logging', true),
    // s3_bucket_name is required by the provider; absent means the source is incomplete, not a default.
    bucketName: bucketValue ? toString(bucketValue) : attr<string>(new Unknown('s3_bucket_name is not set'), firstLine(resource.loc), false),
    dataEvents: [...selectorDataEvents(resource.body), ...advancedSelectorDataEvents(items(field(resource.body, 'advanced_event_selector')), ADVANCED_SELECTOR_KEYS)],
  }
  context.model.cloudtrail.trails.push(model)
  context.register('trail', resource.address, model, [knownValue(model.name)])
  context.afterAll(() => {
    model.bucket = context.lookup('bucket', bucketValue)
    model.logGroup = lookupLogGroup(context, path(resource.body, 'cloud_watch_logs_group_arn'))
  })
}

/** `event_selector { data_resource { type, values } }` blocks. */
function selectorDataEvents(body: MapValue): Trail['dataEvents'] {
  return items(field(body, 'event_selector')).flatMap((selector) =>
    items(path(selector, 'data_resource')).map((dataResource) => ({
      loc: dataResource.loc,
      resourceType: typeOf(path(dataResource, 'type'), dataResource),
      values: stringList(path(dataResource, 'values')),
    })),
  )
}

/** `advanced_event_selector { field_selector { field = "resources.type", equals = [...] } }` blocks. */
const ADVANCED_SELECTOR_KEYS: AdvancedSelectorKeys = { fieldSelectors: 'field_selector', field: 'field', equals: 'equals', startsWith: 'starts_with' }

function typeOf(value: Value | undefined, owner: Value) {
  return value ? toString(value) : attr<string>(new Unknown('data_resource without type'), firstLine(owner.loc), false)
}

export const handlers: Record<string, Handler> = { aws_cloudtrail: trail }
