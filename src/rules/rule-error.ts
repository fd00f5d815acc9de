import type { AwsModel } from '../model/aws.js'
import type { SourceRange } from '../model/source.js'
import { withoutAbsolutePaths } from '../text/paths.js'

/*
 * A rule that throws becomes a policygate/rule-error finding. It should point at what the rule was judging,
 * which the exception does not say: rules are pure, so the rule runs once more over a model that notes
 * every located value (an Attr, a statement, a resource) handed to it, and the last one before it throws
 * is where it failed. Only a failing rule pays for this.
 */

/** The last located value the rule read before it threw, or undefined if it did not throw again or read none. */
export function whereRuleFailed(check: (model: AwsModel, base?: AwsModel) => void, model: AwsModel, base?: AwsModel): SourceRange | undefined {
  let last: SourceRange | undefined
  const watched = new WeakMap<object, object>()
  const watch = <T>(value: T): T => {
    // Built-in collections check their receiver: they are handed over as they are.
    if (value === null || typeof value !== 'object' || value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp) return value
    const known = watched.get(value)
    if (known) return known as T
    const proxy = new Proxy(value, {
      get(target, key) {
        const child: unknown = Reflect.get(target, key)
        const loc = locationOf(child)
        if (loc) last = loc
        return watch(child)
      },
    })
    watched.set(value, proxy)
    return proxy
  }
  try {
    check(watch(model), base && watch(base))
    return undefined
  } catch {
    return last
  }
}

function locationOf(value: unknown): SourceRange | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const candidate = value as { loc?: Partial<SourceRange>; meta?: { loc?: Partial<SourceRange> } }
  const loc = candidate.loc ?? candidate.meta?.loc
  return typeof loc?.file === 'string' && typeof loc.startLine === 'number' ? (loc as SourceRange) : undefined
}

/** The error's message and the frame it was thrown from, by file name only: no path of the machine or the bundle. */
export function ruleErrorText(error: unknown): string {
  if (!(error instanceof Error)) return withoutAbsolutePaths(String(error))
  const frame = error.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim()
  return withoutAbsolutePaths(`${error.message}${frame ? ` (${frame})` : ''}`)
}
