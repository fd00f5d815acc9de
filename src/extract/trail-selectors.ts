import type { Trail } from '../model/aws.js'
import { path, type Value } from '../parse/value.js'
import { items, stringList } from './values.js'

/** How a framework spells the parts of CloudTrail advanced event selectors. */
export interface AdvancedSelectorKeys {
  fieldSelectors: string
  field: string
  equals: string
  startsWith: string
}

/**
 * Data events of advanced event selectors: one per resource type a `resources.type` field selector
 * equals, limited to the ARNs (or ARN prefixes) the same selector's `resources.ARN` fields name.
 */
export function advancedSelectorDataEvents(selectors: Value[], keys: AdvancedSelectorKeys): Trail['dataEvents'] {
  return selectors.flatMap((selector) => {
    const fields = items(path(selector, keys.fieldSelectors))
    const fieldName = (fieldSelector: Value) => {
      const name = path(fieldSelector, keys.field)
      return name?.kind === 'string' ? name.value : undefined
    }
    const arns = fields.filter((f) => fieldName(f) === 'resources.ARN').flatMap((f) => [...stringList(path(f, keys.equals)), ...stringList(path(f, keys.startsWith))])
    return fields
      .filter((f) => fieldName(f) === 'resources.type')
      .flatMap((f) => stringList(path(f, keys.equals)).map((resourceType) => ({ loc: f.loc, resourceType, values: arns })))
  })
}
