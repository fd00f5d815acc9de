import type { ConfigRecorder } from '../../model/aws.js'
import { Unknown, attr, firstLine } from '../../model/source.js'
import type { Handler } from '../context.js'
import { boolOr, knownValue, metaOf, path, stringOr } from '../values.js'

const recorder: Handler = (resource, context) => {
  const model: ConfigRecorder = {
    meta: metaOf(resource),
    allSupported: boolOr(resource, 'recording_group.all_supported', true),
    includeGlobalResourceTypes: boolOr(resource, 'recording_group.include_global_resource_types', false),
    // A recorder starts only through aws_config_configuration_recorder_status; until one is joined, unknown.
    enabled: attr<boolean>(new Unknown('no aws_config_configuration_recorder_status for this recorder in the code'), firstLine(resource.loc), false),
  }
  context.model.config.recorders.push(model)
  context.register('recorder', resource.address, model, [knownValue(stringOr(resource, 'name', 'default'))])
}

const recorderStatus: Handler = (resource, context) => {
  context.afterAll(() => {
    const target = context.lookup<ConfigRecorder>('recorder', path(resource.body, 'name'))
    if (target) target.enabled = boolOr(resource, 'is_enabled', false)
  })
}

export const handlers: Record<string, Handler> = {
  aws_config_configuration_recorder: recorder,
  aws_config_configuration_recorder_status: recorderStatus,
}
