import { nearest } from '../text/nearest.js'
import { catalog } from './catalog/catalog.js'

/** A likely typo: within a quarter of the name's length in edits, and at least two. */
function closest(target: string, candidates: string[]): string | undefined {
  return nearest(target, candidates, Math.max(2, Math.floor(target.length / 4)))
}

/** The real action or service a misspelt one most likely meant (`s3:GetObjects` → `s3:GetObject`). */
export function suggestAction(pattern: string): string | undefined {
  const colon = pattern.indexOf(':')
  if (colon <= 0 || /[*?]/.test(pattern)) return undefined
  const service = pattern.slice(0, colon).toLowerCase()
  const name = pattern.slice(colon + 1)
  if (catalog().serviceExists(service)) {
    const action = closest(name, catalog().actionsOf(service).map((a) => a.name))
    return action && `${service}:${action}`
  }
  const realService = closest(service, catalog().servicePrefixes())
  if (!realService) return undefined
  return catalog().action(`${realService}:${name}`)?.key ?? `${realService}:${name}`
}
