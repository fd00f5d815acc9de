import type { Trail } from '../../model/aws.js'
import { Unknown, attr, firstLine } from '../../model/source.js'
import type { MapValue } from '../../parse/value.js'
import { field } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { lookupLogGroup } from '../log-groups.js'
import { advancedSelectorDataEvents, type AdvancedSelectorKeys } from '../trail-selectors.js'
import { boolOr, items, knownValue, metaOf, optionalString, path, stringList, stringOr, toBool, toString } from '../values.js'

const trail: Handler = (resource, context) => {
  const bucketValue = path(resource.body, 'S3BucketName')
  const isLogging = path(resource.body, 'IsLogging')
  const model: Trail = {
    meta: metaOf(resource),
    name: stringOr(resource, 'TrailName', resource.address),
    isMultiRegion: boolOr(resource, 'IsMultiRegionTrail', false),
    logFileValidation: boolOr(resource, 'EnableLogFileValidation', false),
    // The documented name is KMSKeyId; templates also write KmsKeyId and mean the same key.
    kmsKeyId: optionalString(resource, 'KMSKeyId') ?? optionalString(resource, 'KmsKeyId'),
    cloudWatchLogsGroupArn: optionalString(resource, 'CloudWatchLogsLogGroupArn'),
    cloudWatchLogsRoleArn: optionalString(resource, 'CloudWatchLogsRoleArn'),
    includeGlobalServiceEvents: boolOr(resource, 'IncludeGlobalServiceEvents', true),
    // IsLogging is required: a template without it states nothing, which is not "off".
    isLogging: isLogging ? toBool(isLogging) : attr<boolean>(new Unknown('IsLogging is not set'), firstLine(resource.loc), false),
    bucketName: bucketValue ? toString(bucketValue) : attr<string>(new Unknown('S3BucketName is not set'), firstLine(resource.loc), false),
    dataEvents: [...selectorDataEvents(resource.body), ...advancedSelectorDataEvents(items(field(resource.body, 'AdvancedEventSelectors')), ADVANCED_SELECTOR_KEYS)],
  }
  context.model.cloudtrail.trails.push(model)
  context.register('trail', resource.address, model, [knownValue(model.name)])
  context.afterAll(() => {
    model.bucket = context.lookup('bucket', bucketValue)
    model.logGroup = lookupLogGroup(context, path(resource.body, 'CloudWatchLogsLogGroupArn'))
  })
}

/** `EventSelectors[].DataResources[] { Type, Values }`. */
function selectorDataEvents(body: MapValue): Trail['dataEvents'] {
  return items(field(body, 'EventSelectors')).flatMap((selector) =>
    items(path(selector, 'DataResources')).map((dataResource) => {
      const type = path(dataResource, 'Type')
      return {
        loc: dataResource.loc,
        resourceType: type ? toString(type) : attr<string>(new Unknown('DataResource without Type'), firstLine(dataResource.loc), false),
        values: stringList(path(dataResource, 'Values')),
      }
    }),
  )
}

/** `AdvancedEventSelectors[].FieldSelectors[] { Field: resources.type, Equals: [...] }`. */
const ADVANCED_SELECTOR_KEYS: AdvancedSelectorKeys = { fieldSelectors: 'FieldSelectors', field: 'Field', equals: 'Equals', startsWith: 'StartsWith' }

export const handlers: Record<string, Handler> = readingProperties({ 'AWS::CloudTrail::Trail': trail })
