import type { PolicyDocument, PrincipalEntry, Statement } from '../../model/policy.js'
import { globCovers } from '../../iam/index.js'
import { patternOf } from '../../model/pattern.js'
import { isKnown, isUnknown, type Attr, type Maybe } from '../../model/source.js'

/*
 * Reading principals the way AWS writes them: `*`, `123456789012`, `arn:aws:iam::123456789012:root`,
 * role/user/assumed-role ARNs, service and federated principals. Pure string facts, no catalog.
 */

const ACCOUNT_ID = /^\d{12}$/
// arn:partition:service:region:account:resource; IAM and STS principal ARNs have an empty region.
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/i
/*
 * The same over patterns (model/pattern.ts): the partition, and the region of other ARNs, may be a hole
 * (`${AWS::Partition}`, `data.aws_partition.current.partition`); a hole there is taken to be a partition or
 * a region, which hold no `:`, so the account keeps its place. A hole anywhere else before it: no account.
 */
const PRINCIPAL_ARN_PATTERN = /^arn:(?:aws[a-z-]*|\uFFFC):(?:iam|sts)::(\d{12}):/i
const ARN_PATTERN = /^arn:(?:[^:\uFFFC]*|\uFFFC):[^:\uFFFC]+:(?:[^:\uFFFC]*|\uFFFC):(\d{12}):/

/** `Principal: "*"` and `Principal: { AWS: "*" }`: anyone, including anonymous callers for most services. */
export function isPublicPrincipal(principal: PrincipalEntry): boolean {
  return principal.value.value === '*' && (principal.type === '*' || principal.type === 'AWS')
}

/** The account an AWS principal belongs to, when the source names it, or undefined (service/federated principals, unknown accounts, `*`). */
export function principalAccount(principal: PrincipalEntry): string | undefined {
  return principal.type === 'AWS' ? accountOfPrincipalValue(principal.value.value) : undefined
}

/** The account of a principal's text, or of the pattern of one built from unknown parts (`arn:${AWS::Partition}:iam::111122223333:root`). */
export function accountOfPrincipalValue(value: Maybe<string>): string | undefined {
  if (!isUnknown(value)) return accountOfPrincipalText(value)
  const pattern = patternOf(value)
  return pattern === undefined ? undefined : PRINCIPAL_ARN_PATTERN.exec(pattern)?.[1]
}

export function accountOfPrincipalText(text: string): string | undefined {
  const trimmed = text.trim()
  if (ACCOUNT_ID.test(trimmed)) return trimmed
  return PRINCIPAL_ARN.exec(trimmed)?.[2]
}

/** The account field of any ARN (`arn:aws:sqs:us-east-2:444455556666:queue`), when it is a literal 12-digit ID. */
function accountOfArn(text: string): string | undefined {
  const fields = text.split(':')
  if (fields[0] !== 'arn' || fields.length < 6) return undefined
  return ACCOUNT_ID.test(fields[4] ?? '') ? fields[4] : undefined
}

/** Accounts the protected resource lives in, from literal account fields of the ARNs (or ARN patterns) in the document's Resource elements and its target. */
export function ownAccounts(document: PolicyDocument, target?: Attr<string>): Set<string> {
  const accounts = new Set<string>()
  const texts = [...document.statements.flatMap((s) => s.resources ?? []), ...(target ? [target] : [])]
  for (const resource of texts) {
    const pattern = patternOf(resource.value)
    const account = isKnown(resource) ? accountOfArn(resource.value) : pattern === undefined ? undefined : ARN_PATTERN.exec(pattern)?.[1]
    if (account) accounts.add(account)
  }
  return accounts
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
    if (account && !own.has(account) && !trustedAccounts.includes(account)) foreign.push({ principal, account })
  }
  return foreign
}

export function isAllow(statement: Statement): boolean {
  return statement.effect.value === 'Allow'
}

export function isDeny(statement: Statement): boolean {
  return statement.effect.value === 'Deny'
}

/**
 * Two principal ARN patterns name the same principals, one within the other. Plain glob overlap is too
 * loose here: `*` spans `:` and `/`, so `…:role/ops-*` and `…::*:role/BreakGlass` would overlap.
 */
export function nestedArnPatterns(a: string, b: string): boolean {
  return globCovers(a, b) || globCovers(b, a)
}
