import type { AccessLevel, CatalogAction } from './catalog/catalog.js'
import type { Grant, Permissions } from './permissions.js'
import { scopeCovers } from './statement.js'

/*
 * What head permissions allow that base permissions do not: an action base does not grant at all,
 * or grants only on resources that do not cover head's (the offline CheckNoNewAccess).
 */

export interface NewAccess {
  action: CatalogAction
  /** 'new': base does not grant the action; 'wider': base grants it on fewer resources. */
  change: 'new' | 'wider'
  grants: Grant[]
}

export interface AccessDelta {
  added: NewAccess[]
  /** Grouped for display: service → access level → action names. */
  byService: Map<string, Map<AccessLevel, string[]>>
}

/** A head grant is covered when base grants the action on covering resources, with no condition or while head has one too (conditions are not compared). */
function widened(headGrants: Grant[], baseGrants: Grant[]): boolean {
  return headGrants.some((h) => !baseGrants.some((b) => scopeCovers(b.resources, h.resources) && (!b.conditional || h.conditional)))
}

export function permissionDelta(base: Permissions, head: Permissions): AccessDelta {
  const added: NewAccess[] = []
  for (const { action, grants } of head.allowedActions().values()) {
    const baseGrants = base.grantsFor(action.key)
    if (baseGrants.length === 0) added.push({ action, change: 'new', grants })
    else if (widened(grants, baseGrants)) added.push({ action, change: 'wider', grants })
  }
  const byService = new Map<string, Map<AccessLevel, string[]>>()
  for (const { action } of added) {
    const levels = byService.get(action.service) ?? new Map<AccessLevel, string[]>()
    byService.set(action.service, levels)
    const level = action.accessLevels[0] ?? 'Write'
    levels.set(level, [...(levels.get(level) ?? []), action.name])
  }
  return { added, byService }
}

/** `s3: Write (PutObject, DeleteObject), Read (GetObject)`, one line per service; long lists are counted, not listed. */
export function describeDelta(delta: AccessDelta, maxNames = 6): string[] {
  return [...delta.byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, levels]) => {
      const parts = [...levels.entries()].map(([level, names]) => {
        const shown = names.slice(0, maxNames).join(', ')
        return `${level} (${names.length > maxNames ? `${shown}, … ${names.length} actions` : shown})`
      })
      return `${service}: ${parts.join('; ')}`
    })
}
