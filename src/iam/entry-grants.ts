import type { PolicyDocument, Statement } from '../model/policy.js'
import { isKnown, type Attr } from '../model/source.js'
import { expandAction, isAllActions } from './actions.js'
import type { CatalogAction } from './catalog/catalog.js'
import { createPermissions, type Grant } from './permissions.js'
import { effectOf } from './statement.js'

/** One Action entry of an Allow statement with the catalog actions it grants that no Deny of the same document takes away. */
export interface EntryGrant {
  statement: Statement
  entry: Attr<string> & { value: string }
  granted: { action: CatalogAction; grant: Grant }[]
}

/**
 * What each Action entry of a document grants, expanded against the catalog, after the document's
 * own Deny statements. `*` entries are left out unless asked for: iam/full-admin owns them, and
 * expanding them reads the whole catalog.
 */
export function entryGrants(document: PolicyDocument, options: { includeAllActions?: boolean } = {}): EntryGrant[] {
  const permissions = createPermissions([document])
  const result: EntryGrant[] = []
  for (const statement of document.statements) {
    if (effectOf(statement) !== 'Allow') continue
    for (const entry of statement.actions ?? []) {
      if (!isKnown(entry) || (!options.includeAllActions && isAllActions(entry.value))) continue
      const granted = expandAction(entry.value).actions.flatMap((action) => {
        const grant = permissions.grantsFor(action.key).find((g) => g.element === entry)
        return grant ? [{ action, grant }] : []
      })
      if (granted.length > 0) result.push({ statement, entry: entry as EntryGrant['entry'], granted })
    }
  }
  return result
}

/** `a, b, c, … (12)` for messages. */
export function listNames(names: string[], max = 5): string {
  const unique = [...new Set(names)]
  return unique.length > max ? `${unique.slice(0, max).join(', ')}, … (${unique.length})` : unique.join(', ')
}
