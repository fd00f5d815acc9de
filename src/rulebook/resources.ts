import type { AwsModel } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'

/*
 * Every ResourceMeta of a model, found by walking it once: inline suppressions hang on resources,
 * and findings name resources by address, so this is how a finding meets its suppressions.
 */

function isResourceMeta(node: object): node is ResourceMeta {
  const candidate = node as Partial<ResourceMeta>
  return typeof candidate.address === 'string' && typeof candidate.sourceType === 'string' && Array.isArray(candidate.suppressions) && candidate.loc !== undefined
}

export function resourcesOf(model: AwsModel): ResourceMeta[] {
  const seen = new Set<object>()
  const found: ResourceMeta[] = []
  const stack: unknown[] = [model]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object' || seen.has(node)) continue
    seen.add(node)
    if (isResourceMeta(node)) {
      found.push(node)
      continue
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push(child)
  }
  return found
}

/** Finds the resource a finding is about: same address, in the same file and around the finding's line when possible. */
export function resourceLookup(resources: ResourceMeta[]): (address: string, file: string, line: number) => ResourceMeta | undefined {
  const byAddress = new Map<string, ResourceMeta[]>()
  for (const meta of resources) {
    const sameAddress = byAddress.get(meta.address)
    if (sameAddress) sameAddress.push(meta)
    else byAddress.set(meta.address, [meta])
  }
  return (address, file, line) => {
    const candidates = byAddress.get(address) ?? []
    const sameFile = candidates.filter((m) => m.loc.file === file)
    const around = sameFile.find((m) => m.loc.startLine <= line && line <= m.loc.endLine)
    if (around) return around
    if (sameFile.length === 1) return sameFile[0]
    // The finding sits in another file (a policy read through file()): only an unambiguous address will do.
    return candidates.length === 1 ? candidates[0] : undefined
  }
}
