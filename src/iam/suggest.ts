import { catalog } from './catalog/catalog.js'

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return previous[b.length]!
}

function closest(target: string, candidates: string[]): string | undefined {
  const lower = target.toLowerCase()
  let best: { name: string; score: number } | undefined
  for (const name of candidates) {
    const score = distance(lower, name.toLowerCase())
    if (!best || score < best.score) best = { name, score }
  }
  return best && best.score <= Math.max(2, Math.floor(target.length / 4)) ? best.name : undefined
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
