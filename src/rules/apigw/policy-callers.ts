import { CALLER_KEYS, conditionKey, isAllow, isDeny, isPublicPrincipal, narrowingConditions } from '../../iam/index.js'
import type { PolicyDocument, Statement } from '../../model/policy.js'

/*
 * How an API Gateway resource policy confines its callers. API policies commonly Allow `*` and then
 * Deny everyone outside a source IP range, VPC or VPC endpoint: that Deny fences the whole API.
 */

/** A Deny conditioned on a caller key (Deny unless aws:SourceIp / aws:SourceVpce / aws:PrincipalOrgID matches). */
function fencedByDeny(document: PolicyDocument, keys: readonly string[] = CALLER_KEYS): boolean {
  return document.statements.some((statement) => isDeny(statement) && statement.conditions.some((condition) => {
    const key = conditionKey(condition)
    return key === undefined || keys.includes(key)
  }))
}

/** Allow statements to Principal `*` with no condition confining the caller, and the public principals in them. */
export function openStatements(document: PolicyDocument): { statement: Statement; principals: NonNullable<Statement['principals']> }[] {
  if (document.unknown || fencedByDeny(document)) return []
  return document.statements.flatMap((statement) => {
    if (!isAllow(statement) || narrowingConditions(statement, (key) => CALLER_KEYS.includes(key)).length > 0) return []
    const principals = (statement.principals ?? []).filter(isPublicPrincipal)
    return principals.length > 0 ? [{ statement, principals }] : []
  })
}
