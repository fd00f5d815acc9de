import type { AwsModel } from '../../model/aws.js'
import { UNTYPED_PRINCIPAL, type PolicyDocument, type PrincipalEntry, type Statement } from '../../model/policy.js'
import { isKnown, isUnknown, type SourceRange } from '../../model/source.js'
import { UNKNOWN_PRINCIPAL_TYPE } from '../../extract/policy-document.js'
import { isMalformedArn } from '../arn.js'
import { hasWildcardAccount, isWildcardPrincipalArn } from '../principal-values.js'

/*
 * The grammar checks of IAM Access Analyzer's policy validation, offline: version, effect,
 * required and forbidden elements per policy kind, the form of Principal, duplicate Sids, malformed ARNs, size limits.
 */

export interface PolicyIssue {
  at: { loc: SourceRange }
  message: string
  /** Stable name of the element, for the finding's identity. */
  element: string
  /** True when AWS accepts the policy and reads it as written: a matter of form, not of what it grants. */
  formOnly?: boolean
}

/** AWS size limits in characters, whitespace not counted. */
export const SIZE_LIMITS = { managed: 6144, roleInline: 10240, userInline: 2048, groupInline: 5120, trust: 2048, scp: 5120 } as const

/** The limit that applies to a document, from where the model holds it. */
export function sizeLimitOf(aws: AwsModel, document: PolicyDocument): { limit: number; what: string } | undefined {
  if (document.kind === 'trust') return { limit: SIZE_LIMITS.trust, what: 'a trust policy (default quota)' }
  if (document.kind === 'scp') return { limit: SIZE_LIMITS.scp, what: 'a service control policy' }
  if (aws.iam.policies.some((p) => p.document === document)) return { limit: SIZE_LIMITS.managed, what: 'a managed policy' }
  if (aws.iam.roles.some((r) => r.inlinePolicies.includes(document))) return { limit: SIZE_LIMITS.roleInline, what: 'the inline policies of a role' }
  if (aws.iam.users.some((u) => u.inlinePolicies.includes(document))) return { limit: SIZE_LIMITS.userInline, what: 'the inline policies of a user' }
  if (aws.iam.groups.some((g) => g.inlinePolicies.includes(document))) return { limit: SIZE_LIMITS.groupInline, what: 'the inline policies of a group' }
  return undefined
}

function label(statement: Statement): string {
  return statement.sid && isKnown(statement.sid) && statement.sid.value !== '' ? statement.sid.value : `#${statement.index}`
}

/**
 * An element is proven present when some entry is known. Entries that are all unknown (`actions =
 * var.x`, a `dynamic` block over a variable) may stand for null, which Terraform drops: not proven.
 */
function proven(entries: { value: unknown }[] | undefined): boolean {
  return (entries ?? []).some((entry) => !isUnknown(entry.value))
}

/** A principal of a known type (`principals { type = "AWS" … }`) is written; a wholly unknown Principal may be null. */
function provenPrincipal(entries: PrincipalEntry[] | undefined): boolean {
  return (entries ?? []).some((entry) => entry.type !== UNKNOWN_PRINCIPAL_TYPE)
}

function statementIssues(document: PolicyDocument, statement: Statement): PolicyIssue[] {
  const issues: PolicyIssue[] = []
  const name = `Statement[${label(statement)}]`
  const effect = statement.effect
  if (isKnown(effect) && effect.value !== 'Allow' && effect.value !== 'Deny') {
    issues.push({ at: effect, element: `${name}.Effect`, message: `Effect must be exactly "Allow" or "Deny", not "${effect.value}"` })
  }
  if (!statement.actions && !statement.notActions) issues.push({ at: statement, element: `${name}.Action`, message: 'The statement has neither Action nor NotAction' })
  if (proven(statement.actions) && proven(statement.notActions)) issues.push({ at: statement, element: `${name}.Action`, message: 'The statement has both Action and NotAction' })
  const needsResource = document.kind === 'identity' || document.kind === 'boundary'
  if (needsResource && !statement.resources && !statement.notResources) issues.push({ at: statement, element: `${name}.Resource`, message: 'The statement has neither Resource nor NotResource' })
  if (proven(statement.resources) && proven(statement.notResources)) issues.push({ at: statement, element: `${name}.Resource`, message: 'The statement has both Resource and NotResource' })
  const hasPrincipal = statement.principals !== undefined || statement.notPrincipals !== undefined
  if ((document.kind === 'identity' || document.kind === 'boundary') && (provenPrincipal(statement.principals) || provenPrincipal(statement.notPrincipals))) {
    const at = statement.principals?.[0]?.value ?? statement.notPrincipals?.[0]?.value ?? statement
    issues.push({ at, element: `${name}.Principal`, message: 'An identity policy cannot name a Principal: the principal is whoever the policy is attached to' })
  }
  if ((document.kind === 'trust' || document.kind === 'resource') && !hasPrincipal) {
    issues.push({ at: statement, element: `${name}.Principal`, message: `A ${document.kind} policy statement must name a Principal` })
  }
  if (provenPrincipal(statement.notPrincipals) && effect.value === 'Allow') {
    const at = statement.notPrincipals?.[0]?.value ?? statement
    issues.push({ at, element: `${name}.NotPrincipal`, message: 'NotPrincipal with Allow grants access to every principal except those listed, anonymous users included' })
  }
  issues.push(...principalGrammarIssues(name, 'Principal', statement.principals), ...principalGrammarIssues(name, 'NotPrincipal', statement.notPrincipals))
  for (const resource of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
    if (isKnown(resource) && isMalformedArn(resource.value) && !(document.kind === 'resource' && isResourceShorthand(resource.value))) {
      issues.push({ at: resource, element: `${name}.Resource[${resource.value}]`, message: `"${resource.value}" is not a valid ARN (arn:partition:service:region:account:resource) or "*"` })
    }
  }
  return issues
}

/** A Principal is `"*"` or a map of types to principals, and a principal holds no wildcard but a whole `*`. */
function principalGrammarIssues(name: string, element: 'Principal' | 'NotPrincipal', entries: PrincipalEntry[] | undefined): PolicyIssue[] {
  const issues: PolicyIssue[] = []
  const untyped = (entries ?? []).find((entry) => entry.type === UNTYPED_PRINCIPAL)
  if (untyped) {
    issues.push({ at: untyped.value, element: `${name}.${element}.form`, message: `${element} must be "*" or a map of principal types ({ "AWS": … }, { "Service": … }); IAM rejects a list or a bare value, and it is read here as AWS principals` })
  }
  for (const entry of entries ?? []) {
    if (!isKnown(entry.value) || !isWildcardPrincipalArn(entry.value.value)) continue
    const anyAccount = hasWildcardAccount(entry.value.value) ? '; read as written, its account is any account, so it is judged as anyone' : ''
    issues.push({ at: entry.value, element: `${name}.${element}[${entry.value.value}]`, message: `"${entry.value.value}": a principal cannot hold a wildcard (only a whole "*"), IAM rejects it${anyAccount}. To match many principals use "*" with a condition on aws:PrincipalArn or aws:PrincipalAccount` })
  }
  return issues
}

/**
 * Resource forms an API Gateway resource policy may use instead of a full ARN: `execute-api:/stage/METHOD/path`
 * (API Gateway fills in the API's own ARN).
 */
function isResourceShorthand(resource: string): boolean {
  return /^execute-api:\/[^\s]*$/.test(resource.trim())
}

// `${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`; `&{…}` is how aws_iam_policy_document writes them.
const POLICY_VARIABLE = /[$&]\{[^}]+\}/

/** Whether a policy variable appears where IAM substitutes them: in resources and condition values. */
function usesPolicyVariables(document: PolicyDocument): boolean {
  return document.statements.some((statement) => {
    const texts = [...(statement.resources ?? []), ...(statement.notResources ?? []), ...statement.conditions.flatMap((condition) => condition.values)]
    return texts.some((text) => isKnown(text) && POLICY_VARIABLE.test(text.value))
  })
}

export function grammarIssues(document: PolicyDocument, sizeLimit?: { limit: number; what: string }): PolicyIssue[] {
  if (document.unknown) return []
  const issues: PolicyIssue[] = []
  const version = document.version
  if (!version && usesPolicyVariables(document)) {
    issues.push({ at: { loc: document.loc }, element: 'Version', message: 'The policy has no Version, so its policy variables are not substituted: `${…}` is matched as literal text' })
  } else if (!version) {
    // Without variables the 2008 language grants exactly the same: only the form is off.
    issues.push({ at: { loc: document.loc }, element: 'Version', message: 'The policy has no Version: add "2012-10-17", without which any policy variable added later would be taken literally', formOnly: true })
  }
  else if (isKnown(version) && version.value !== '2012-10-17') {
    issues.push({ at: version, element: 'Version', message: `Version "${version.value}" is not the current policy language version "2012-10-17"` })
  }
  const sids = new Map<string, Statement>()
  for (const statement of document.statements) {
    issues.push(...statementIssues(document, statement))
    const sid = statement.sid
    if (sid && isKnown(sid) && sid.value !== '') {
      if (sids.has(sid.value)) issues.push({ at: sid, element: `Sid[${sid.value}]`, message: `Sid "${sid.value}" is used by another statement of this policy` })
      else sids.set(sid.value, statement)
    }
  }
  if (sizeLimit && document.size !== undefined && document.size > sizeLimit.limit) {
    issues.push({ at: { loc: document.loc }, element: 'Size', message: `${document.size} characters (whitespace excluded) exceed the ${sizeLimit.limit} allowed for ${sizeLimit.what}` })
  }
  return issues
}
