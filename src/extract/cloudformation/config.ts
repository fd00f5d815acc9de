import type { ConfigRecorder } from '../../model/aws.js'
import { Unknown, attr, firstLine } from '../../model/source.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { boolOr, knownValue, metaOf, path, stringOr } from '../values.js'

// Without a RecordingGroup, Config records every supported type except the global (IAM) ones;
// with one, AllSupported and IncludeGlobalResourceTypes default to false as in the API.
const recorder: Handler = (resource, context) => {
  const hasGroup = path(resource.body, 'RecordingGroup') !== undefined
  const model: ConfigRecorder = {
    meta: metaOf(resource),
    allSupported: boolOr(resource, 'RecordingGroup.AllSupported', !hasGroup),
    includeGlobalResourceTypes: boolOr(resource, 'RecordingGroup.IncludeGlobalResourceTypes', false),
    // CloudFormation starts the recorder as soon as a delivery channel exists; there is no status resource.
    enabled: attr<boolean>(new Unknown('no AWS::Config::DeliveryChannel in the code'), firstLine(resource.loc), false),
  }
  context.model.config.recorders.push(model)
  context.register('recorder', resource.address, model, [knownValue(stringOr(resource, 'Name', resource.address))])
}

const deliveryChannel: Handler = (resource, context) => {
  context.afterAll(() => {
    for (const target of context.all<ConfigRecorder>('recorder')) {
      if (target.meta.loc.file === resource.loc.file) target.enabled = attr(true, firstLine(resource.loc), false)
    }
  })
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::Config::ConfigurationRecorder': recorder,
  'AWS::Config::DeliveryChannel': deliveryChannel,
})
