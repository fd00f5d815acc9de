import type { LogGroup } from '../model/aws.js'
import type { Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'

/** The log group a trail or metric filter names: by reference, by name, or by the name inside a literal log-group ARN. */
export function lookupLogGroup(context: ExtractContext, value: Value | undefined): LogGroup | undefined {
  const direct = context.lookup<LogGroup>('logGroup', value)
  if (direct || value?.kind !== 'string') return direct
  const name = /:log-group:([^:]+)/.exec(value.value)?.[1]
  return name ? context.lookup<LogGroup>('logGroup', { kind: 'string', value: name, loc: value.loc }) : undefined
}
