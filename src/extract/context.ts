import type { AwsModel } from '../model/aws.js'
import type { Diagnostic, RawResource } from '../parse/types.js'
import type { Value } from '../parse/value.js'

/** Kinds of model objects that other resources refer to by reference or by name. */
export type LinkKind =
  | 'role' | 'user' | 'group' | 'policy' | 'scp' | 'bucket' | 'restApi' | 'restStage' | 'restResource'
  | 'httpApi' | 'usagePlan' | 'apiKey' | 'webAcl' | 'securityGroup' | 'vpc' | 'secret' | 'function' | 'logGroup'
  | 'identityPool' | 'trail' | 'recorder' | 'authorizer' | 'vpcEndpoint'

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
}

/** Maps one source resource type to model objects. */
export type Handler = (resource: RawResource, context: ExtractContext) => void

export function createContext(model: AwsModel): ExtractContext & { runDeferred(): void } {
  const byAddress = new Map<string, object>()
  const byName = new Map<string, object>()
  const byKind = new Map<LinkKind, object[]>()
  const deferred: (() => void)[] = []
  return {
    model,
    diagnostics: [],
    register(kind, address, object, names = []) {
      byAddress.set(`${kind} ${address}`, object)
      for (const name of names) if (name) byName.set(`${kind} ${name}`, object)
      const list = byKind.get(kind) ?? []
      list.push(object)
      byKind.set(kind, list)
    },
    lookup<T>(kind: LinkKind, value: Value | undefined): T | undefined {
      if (!value) return undefined
      if (value.ref) {
        // `aws_iam_role.app.arn` → try `aws_iam_role.app.arn`, `aws_iam_role.app`, …; `AppRole.Arn` → `AppRole`.
        const parts = value.ref.split('.')
        for (let n = parts.length; n > 0; n--) {
          const hit = byAddress.get(`${kind} ${parts.slice(0, n).join('.')}`)
          if (hit) return hit as T
        }
      }
      if (value.kind === 'string') return byName.get(`${kind} ${value.value}`) as T | undefined
      return undefined
    },
    all<T>(kind: LinkKind): T[] {
      return (byKind.get(kind) ?? []) as T[]
    },
    afterAll(step) {
      deferred.push(step)
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
