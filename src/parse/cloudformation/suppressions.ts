import type { InlineSuppression } from '../../model/resource.js'
import { items, path, field, type Value } from '../value.js'
import { scalarText } from './build.js'

/**
 * `Metadata: { policygate: { ignore: [ { rule, reason, until } ] } }` on a resource. A single map
 * instead of a list, `rule_id` instead of `rule`, and a bare rule ID string are accepted too.
 * Checkov's `Metadata: { checkov: { skip: [ { id, comment } ] } }` is read too, for the rulebook to map.
 */
export function suppressionsOf(body: Value): InlineSuppression[] {
  return [...policygateSuppressions(body), ...checkovSkips(body)]
}

function checkovSkips(body: Value): InlineSuppression[] {
  return items(path(body, 'Metadata.checkov.skip')).flatMap((item): InlineSuppression[] => {
    if (item.kind !== 'map') return []
    const check = scalarText(field(item, 'id'))
    if (check === undefined) return []
    const reason = scalarText(field(item, 'comment'))?.trim()
    return [{ ruleId: check, foreign: 'checkov', loc: item.loc, ...(reason && { reason }) }]
  })
}

function policygateSuppressions(body: Value): InlineSuppression[] {
  return items(path(body, 'Metadata.policygate.ignore')).flatMap((item): InlineSuppression[] => {
    if (item.kind === 'string') return [{ ruleId: item.value, loc: item.loc }]
    if (item.kind !== 'map') return []
    const ruleId = scalarText(field(item, 'rule') ?? field(item, 'rule_id'))
    if (ruleId === undefined) return []
    const reason = scalarText(field(item, 'reason'))
    const until = scalarText(field(item, 'until'))
    return [{ ruleId, loc: item.loc, ...(reason !== undefined && { reason }), ...(until !== undefined && { until }) }]
  })
}
