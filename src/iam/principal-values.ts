import { UNTYPED_PRINCIPAL, type PolicyDocument, type PrincipalEntry, type Statement } from '../model/policy.js'
import { knownSuffix, patternOf } from '../model/pattern.js'
import { isUnknown, type Attr, type Maybe } from '../model/source.js'
import { accountOfArnValue } from './arn.js'

/*
 * Principal values the way AWS writes them: `*` (anyone), `123456789012`, `arn:aws:iam::123456789012:root`,
 * role/user/assumed-role ARNs, service principals (`lambda.amazonaws.com`) and identity providers
 * (an `oidc-provider/` or `saml-provider/` ARN, or an issuer such as `cognito-identity.amazonaws.com`).
 */

const ACCOUNT_ID = /^\d{12}$/
// IAM and STS principal ARNs have an empty region: arn:partition:iam::account:…
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/i
/*
 * The same over patterns (model/pattern.ts): the partition may be a hole (`${AWS::Partition}`,
 * `data.aws_partition.current.partition`), taken to be a partition, which holds no `:`, so the account
 * keeps its place. A hole anywhere else before it: no account.
 */
const PRINCIPAL_ARN_PATTERN = /^arn:(?:aws[a-z-]*|\uFFFC):(?:iam|sts)::(\d{12}):/i

/** `*`, in a Principal element or a Lambda permission: anyone. */
export function isAnyone(value: Maybe<string>): boolean {
  return typeof value === 'string' && value.trim() === '*'
}

/** An IAM or STS principal ARN with a wildcard in its account (`arn:aws:iam::*:role/x`): IAM rejects it; read as written, it names any account. */
export function hasWildcardAccount(value: Maybe<string>): boolean {
  return typeof value === 'string' && /^arn:[^:]*:(?:iam|sts)::[^:]*[*?][^:]*:/i.test(value.trim())
}

/** A value a principal ARN may not hold: a wildcard anywhere but a whole `*`. */
export function isWildcardPrincipalArn(value: Maybe<string>): boolean {
  return typeof value === 'string' && !isAnyone(value) && /[*?]/.test(value)
}

/** An entry read as an AWS principal: typed `AWS`, or written without a type (a list, a bare value). */
function isAwsLike(principal: PrincipalEntry): boolean {
  return principal.type === 'AWS' || principal.type === UNTYPED_PRINCIPAL
}

/**
 * `Principal: "*"` and `Principal: { AWS: "*" }`: anyone, including anonymous callers for most services.
 * Read conservatively: a wildcard account (`arn:aws:iam::*:root`) and an untyped `["*"]` are anyone too.
 */
export function isPublicPrincipal(principal: PrincipalEntry): boolean {
  const value = principal.value.value
  return (principal.type === '*' || isAwsLike(principal)) && (isAnyone(value) || hasWildcardAccount(value))
}

/** `apigateway.amazonaws.com`, `events.amazonaws.com.cn`: an AWS service, acting for whoever configures it. */
export function isServicePrincipalName(text: string): boolean {
  return /\.amazonaws\.com(\.cn)?$/i.test(text.trim())
}

/** The account of a principal's text: a 12-digit ID or an IAM/STS principal ARN. */
export function accountOfPrincipalText(text: string): string | undefined {
  const trimmed = text.trim()
  if (ACCOUNT_ID.test(trimmed)) return trimmed
  return PRINCIPAL_ARN.exec(trimmed)?.[1]
}

/** The account of a principal's text, or of the pattern of one built from unknown parts (`arn:${AWS::Partition}:iam::111122223333:root`). */
export function accountOfPrincipalValue(value: Maybe<string>): string | undefined {
  if (!isUnknown(value)) return accountOfPrincipalText(value)
  const pattern = patternOf(value)
  return pattern === undefined ? undefined : PRINCIPAL_ARN_PATTERN.exec(pattern)?.[1]
}

/** The account an AWS principal belongs to, when the source names it, or undefined (service/federated principals, unknown accounts, `*`). */
export function principalAccount(principal: PrincipalEntry): string | undefined {
  return isAwsLike(principal) ? accountOfPrincipalValue(principal.value.value) : undefined
}

/** Accounts the protected resource lives in, from literal account fields of the ARNs (or ARN patterns) in the document's Resource elements and its target. */
export function ownAccounts(document: PolicyDocument, target?: Attr<string>): Set<string> {
  const accounts = new Set<string>()
  const resources = [...document.statements.flatMap((s) => s.resources ?? []), ...(target ? [target] : [])]
  for (const resource of resources) {
    const account = accountOfArnValue(resource.value)
    if (account) accounts.add(account)
  }
  return accounts
}

/** An account neither the resource's own nor trusted. */
export function isForeignAccount(account: string, trustedAccounts: readonly string[], own: ReadonlySet<string>): boolean {
  return !own.has(account) && !trustedAccounts.includes(account)
}

export interface ForeignPrincipal {
  principal: PrincipalEntry
  account: string
}

/**
 * AWS principals of a statement whose account is neither the resource's own (`own`, see ownAccounts)
 * nor trusted. When the source names no own account, every literal account outside `trustedAccounts`
 * counts as foreign. Unknown principals are never foreign.
 */
export function foreignPrincipals(statement: Statement, trustedAccounts: readonly string[], own: ReadonlySet<string> = new Set()): ForeignPrincipal[] {
  const foreign: ForeignPrincipal[] = []
  for (const principal of statement.principals ?? []) {
    const account = principalAccount(principal)
    if (account && isForeignAccount(account, trustedAccounts, own)) foreign.push({ principal, account })
  }
  return foreign
}

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`. */
export function issuerOfUrl(url: string): string {
  return url.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase()
}

/**
 * The identity provider a Federated principal names: the issuer of an `oidc-provider/` ARN or of a bare
 * issuer (`cognito-identity.amazonaws.com`), or 'saml' for a `saml-provider/` ARN. Of a value built from
 * unknown parts (`arn:aws:iam::${var.account}:oidc-provider/token.actions.githubusercontent.com`), the
 * issuer when the text after the last unknown part names it whole, 'saml' when the known text names a
 * SAML provider. Undefined when the source does not determine it.
 */
export function identityProviderOf(value: Maybe<string>): string | undefined {
  if (isUnknown(value)) {
    const oidc = /:oidc-provider\/(.+)$/i.exec(knownSuffix(value))
    if (oidc) return issuerOfUrl(oidc[1]!)
    return value.pattern !== undefined && /:saml-provider\//i.test(value.pattern) ? 'saml' : undefined
  }
  const text = value.trim()
  const oidc = /:oidc-provider\/(.+)$/i.exec(text)
  if (oidc) return issuerOfUrl(oidc[1]!)
  if (/:saml-provider\//i.test(text)) return 'saml'
  return text.includes(':') ? undefined : issuerOfUrl(text)
}
