import type { LogGroup, MetricAlarm, MetricFilter } from '../../model/aws.js'
import type { Handler } from '../context.js'
import { lookupLogGroup } from '../log-groups.js'
import { knownValue, metaOf, optionalString, path, stringOr } from '../values.js'

const logGroup: Handler = (resource, context) => {
  const model: LogGroup = { meta: metaOf(resource), name: optionalString(resource, 'name') ?? stringOr(resource, 'name_prefix', '') }
  context.model.cloudwatch.logGroups.push(model)
  context.register('logGroup', resource.address, model, [knownValue(model.name)])
}

const metricFilter: Handler = (resource, context) => {
  const model: MetricFilter = {
    meta: metaOf(resource),
    logGroupName: stringOr(resource, 'log_group_name', ''),
    pattern: stringOr(resource, 'pattern', ''),
    metricName: stringOr(resource, 'metric_transformation.name', ''),
    metricNamespace: stringOr(resource, 'metric_transformation.namespace', ''),
  }
  context.model.cloudwatch.metricFilters.push(model)
  context.afterAll(() => {
    model.logGroup = lookupLogGroup(context, path(resource.body, 'log_group_name'))
  })
}

const metricAlarm: Handler = (resource, context) => {
  const model: MetricAlarm = {
    meta: metaOf(resource),
    metricName: stringOr(resource, 'metric_name', ''),
    namespace: stringOr(resource, 'namespace', ''),
  }
  context.model.cloudwatch.alarms.push(model)
}

export const handlers: Record<string, Handler> = {
  aws_cloudwatch_log_group: logGroup,
  aws_cloudwatch_log_metric_filter: metricFilter,
  aws_cloudwatch_metric_alarm: metricAlarm,
}
