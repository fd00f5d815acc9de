import type { LogGroup, MetricAlarm, MetricFilter } from '../../model/aws.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { lookupLogGroup } from '../log-groups.js'
import { knownValue, metaOf, path, stringOr } from '../values.js'

const logGroup: Handler = (resource, context) => {
  const model: LogGroup = { meta: metaOf(resource), name: stringOr(resource, 'LogGroupName', '') }
  context.model.cloudwatch.logGroups.push(model)
  context.register('logGroup', resource.address, model, [knownValue(model.name)])
}

const metricFilter: Handler = (resource, context) => {
  const model: MetricFilter = {
    meta: metaOf(resource),
    logGroupName: stringOr(resource, 'LogGroupName', ''),
    pattern: stringOr(resource, 'FilterPattern', ''),
    // A filter has exactly one metric transformation in practice (the API allows one).
    metricName: stringOr(resource, 'MetricTransformations.MetricName', ''),
    metricNamespace: stringOr(resource, 'MetricTransformations.MetricNamespace', ''),
  }
  context.model.cloudwatch.metricFilters.push(model)
  context.afterAll(() => {
    model.logGroup = lookupLogGroup(context, path(resource.body, 'LogGroupName'))
  })
}

const alarm: Handler = (resource, context) => {
  const model: MetricAlarm = {
    meta: metaOf(resource),
    metricName: stringOr(resource, 'MetricName', ''),
    namespace: stringOr(resource, 'Namespace', ''),
  }
  context.model.cloudwatch.alarms.push(model)
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Logs::MetricFilter': metricFilter,
  'AWS::CloudWatch::Alarm': alarm,
})
