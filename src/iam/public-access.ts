import type { PolicyDocument, PrincipalEntry, Statement } from '../model/policy.js'
import { isKnown } from '../model/source.js'
import { isAllActions } from './actions.js'
import { allowCanApply, conditionsTruth, denySurelyApplies, outsiderContext, type RequestContext } from './condition-truth.js'
import { globCovers } from './glob.js'
import { isPublicPrincipal } from './principal-values.js'
import { isAllow, isDeny, knownValues, resourceScope, scopeCovers, type ResourceScope } from './statement.js'

/*
 * Whether a resource policy lets someone outside in: an Allow to Principal `*` whose conditions an
 * outside caller can meet, and that no Deny of the same policy takes back for that caller. The
 * documented private-API and S3 pattern (Allow `*`, then Deny unless aws:SourceVpce) is not public.
 */

/** Two kinds of outsider: anonymous from the internet, and a principal of another AWS account. */
const OUTSIDERS: RequestContext[] = [outsiderContext(true), outsiderContext(false)]

/** API Gateway's shorthand `execute-api:/stage/GET/path` names a method of the API the policy is attached to, whatever its ARN. */
function expandShorthand(pattern: string): string {
  return pattern.trim().startsWith('execute-api:/') ? `arn:*:execute-api:*:*:*${pattern.trim().slice('execute-api:'.length)}` : pattern
}

function normalizedScope(statement: Statement): ResourceScope {
  const scope = resourceScope(statement)
  // A resource policy may leave Resource out (Lambda, API Gateway): it then covers the resource it is on.
  if (!statement.resources && !statement.notResources) return { patterns: ['*'], unknown: false }
  return { ...scope, patterns: scope.patterns.map(expandShorthand), except: scope.except?.map(expandShorthand) }
}

/** The Deny applies to every action the Allow grants. */
function actionsCovered(deny: Statement, allow: Statement): boolean {
  const denied = knownValues(deny.actions)
  if (deny.notActions || deny.actions?.some((a) => !isKnown(a))) return false
  if (denied.some(isAllActions)) return true
  if (!allow.actions || allow.actions.some((a) => !isKnown(a))) return false
  return knownValues(allow.actions).every((granted) => denied.some((d) => globCovers(d, granted)))
}

/** The Deny reaches every caller (Principal `*`). */
function deniesEveryone(deny: Statement): boolean {
  return !deny.notPrincipals && (deny.principals ?? []).some(isPublicPrincipal)
}

function fencedBy(deny: Statement, allow: Statement, context: RequestContext): boolean {
  return deniesEveryone(deny) && actionsCovered(deny, allow) && scopeCovers(normalizedScope(deny), normalizedScope(allow)) && denySurelyApplies(conditionsTruth(deny, context))
}

/** An outside caller can be allowed by this statement, and no Deny of the document takes it away. */
export function outsiderAllowed(document: PolicyDocument, allow: Statement): boolean {
  const denies = document.statements.filter(isDeny)
  return OUTSIDERS.some((context) => allowCanApply(conditionsTruth(allow, context), false) && !denies.some((deny) => fencedBy(deny, allow, context)))
}

/** Allow statements to Principal `*` an outside caller can use, with their public principal entries. */
export function publicStatements(document: PolicyDocument): { statement: Statement; principals: PrincipalEntry[] }[] {
  if (document.unknown) return []
  return document.statements.flatMap((statement) => {
    if (!isAllow(statement)) return []
    const principals = (statement.principals ?? []).filter(isPublicPrincipal)
    return principals.length > 0 && outsiderAllowed(document, statement) ? [{ statement, principals }] : []
  })
}
