import { catalog, expandAction, isAllActions, serviceOfPattern } from '../../iam/index.js'

/** `*`, `*:*`, or a pattern that expands to every action of its service (`s3:*`, `SQS:*`), judged against the catalog. */
export function isWholeServiceOrAll(pattern: string): boolean {
  if (isAllActions(pattern)) return true
  const service = serviceOfPattern(pattern)
  if (!service || !catalog().serviceExists(service)) return false
  const all = catalog().actionsOf(service).length
  return all > 0 && expandAction(pattern).actions.length === all
}
