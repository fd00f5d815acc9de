import type { AwsModel } from '../model/aws.js'
import type { Diagnostic, RawResource } from '../parse/types.js'
import type { Value } from '../parse/value.js'

/** Kinds of model objects that other resources refer to by reference or by name. */
export type LinkKind =
  | 'role' | 'user' | 'group' | 'policy' | 'scp' | 'bucket' | 'restApi' | 'restStage' | 'restResource'
  | 'httpApi' | 'usagePlan' | 'apiKey' | 'webAcl' | 'securityGroup' | 'vpc' | 'secret' | 'function' | 'logGroup'
  | 'identityPool' | 'trail' | 'recorder' | 'authorizer' | 'vpcEndpoint' | 'permissionSet'

export interface ExtractContext {
  model: AwsModel
  diagnostics: Diagnostic[]
  /** Registers a model object under its resource address and under the literal names/ARNs it is known by. */
  register(kind: LinkKind, address: string, object: object, names?: (string | undefined)[]): void
  /** The registered object a value points at: by its reference (`aws_iam_role.app.name`, `AppRole.Arn`) or by a literal name/ARN. */
  lookup<T>(kind: LinkKind, value: Value | undefined): T | undefined
  /** Every registered object of a kind. */
  all<T>(kind: LinkKind): T[]
  /** Joins run after every resource is extracted, so a handler may refer to resources declared later. */
  afterAll(step: () => void): void
  /** The parsed unit a file belongs to (a reference means something only inside its unit); undefined outside every unit. */
  unitOf(file: string): number | undefined
}

/** Maps one source resource type to model objects. */
export type Handler = (resource: RawResource, context: ExtractContext) => void

/**
 * Addresses are unique only inside one parsed unit (a Terraform module, a template): `aws_iam_role.this`
 * and `AppRole` recur across a repository. Objects are registered under the unit being extracted, and a
 * reference is looked up in the unit of the resource that holds it (a module's file may serve several
 * units: its own reading and every caller's instances); names (a bucket's name, a role's ARN) may cross
 * units, preferring the same one. Outside any unit (hand-built contexts) everything is one scope.
 */
export function createContext(model: AwsModel): ExtractContext & { runDeferred(): void; enterUnit(files: string[]): void } {
  const byAddress = new Map<string, object>()
  const byName = new Map<string, object>()
  const byKind = new Map<LinkKind, object[]>()
  const deferred: (() => void)[] = []
  let currentUnit = 0
  let unitCount = 0
  const unitOfFile = new Map<string, number>()
  // Same unit first, then any unit (the last registered wins there).
  const find = (map: Map<string, object>, unit: number | undefined, key: string) => (unit === undefined ? undefined : map.get(`${unit} ${key}`)) ?? map.get(key)
  return {
    model,
    diagnostics: [],
    register(kind, address, object, names = []) {
      const remember = (map: Map<string, object>, key: string) => {
        map.set(`${currentUnit} ${key}`, object)
        map.set(key, object)
      }
      remember(byAddress, `${kind} ${address}`)
      for (const name of names) if (name) remember(byName, `${kind} ${name}`)
      const list = byKind.get(kind) ?? []
      list.push(object)
      byKind.set(kind, list)
    },
    lookup<T>(kind: LinkKind, value: Value | undefined): T | undefined {
      if (!value) return undefined
      const unit = currentUnit === 0 ? undefined : currentUnit
      if (value.ref) {
        // `aws_iam_role.app.arn` → try `aws_iam_role.app.arn`, `aws_iam_role.app`, …; `AppRole.Arn` → `AppRole`.
        // A reference never leaves its unit; outside any unit it is looked up everywhere.
        const parts = value.ref.split('.')
        for (let n = parts.length; n > 0; n--) {
          const key = `${kind} ${parts.slice(0, n).join('.')}`
          const hit = byAddress.get(unit === undefined ? key : `${unit} ${key}`)
          if (hit) return hit as T
        }
      }
      if (value.kind === 'string') return find(byName, unit, `${kind} ${value.value}`) as T | undefined
      return undefined
    },
    all<T>(kind: LinkKind): T[] {
      return (byKind.get(kind) ?? []) as T[]
    },
    afterAll(step) {
      // A deferred join runs in the unit that asked for it.
      const unit = currentUnit
      deferred.push(() => {
        currentUnit = unit
        step()
      })
    },
    unitOf(file) {
      return unitOfFile.get(file)
    },
    enterUnit(files) {
      currentUnit = ++unitCount
      for (const file of files) unitOfFile.set(file, currentUnit)
    },
    runDeferred() {
      // A step may defer another (a join that needs an earlier join): drain until empty.
      for (let i = 0; i < deferred.length; i++) deferred[i]!()
    },
  }
}

/** One table per service file; a resource type may appear in several (a SAM function feeds IAM and API Gateway). */
export function mergeHandlers(tables: Record<string, Handler>[]): Map<string, Handler[]> {
  const merged = new Map<string, Handler[]>()
  for (const table of tables) for (const [type, handler] of Object.entries(table)) merged.set(type, [...(merged.get(type) ?? []), handler])
  return merged
}
