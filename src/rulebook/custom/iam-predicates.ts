import {
  accountOfPrincipalText, conditionKey, createPermissions, effectivePermissions, effectOf, expandAction, hasAccessLevel, isAnyone, isForeignAccount,
  isPublicPrincipal, isServicePrincipalName, matchAction, ownAccounts, principalAccount, principalPolicies, type AccessLevel, type CatalogAction, type Permissions,
} from '../../iam/index.js'
import type { AwsModel } from '../../model/aws.js'
import type { PolicyDocument, PrincipalEntry, Statement } from '../../model/policy.js'
import type { ResourceMeta } from '../../model/resource.js'
import { isKnown } from '../../model/source.js'
import type { PrincipalClass } from '../format.js'
import type { IamSubject } from './kinds.js'
import { anyOf, FALSE, isTrue, UNKNOWN, type Verdict } from './verdict.js'

/*
 * The IAM-aware predicates of custom rules, answered by the IAM module: action patterns are expanded
 * against the AWS catalog, and a role's or user's permissions are its effective ones (inline,
 * managed, groups, boundary, SCPs of the model).
 */

export interface IamContext {
  aws: AwsModel
  trustedAccounts: readonly string[]
}

const principalPermissions = new WeakMap<AwsModel, Map<ResourceMeta, Permissions>>()

function permissionsOf(subject: Extract<IamSubject, { kind: 'documents' }>, aws: AwsModel): Permissions {
  if (!subject.principal) return createPermissions(subject.documents.filter((d) => !d.unknown))
  let byMeta = principalPermissions.get(aws)
  if (!byMeta) {
    byMeta = new Map(principalPolicies(aws).map((p) => [p.meta, effectivePermissions(aws, p)]))
    principalPermissions.set(aws, byMeta)
  }
  return byMeta.get(subject.principal.meta) ?? createPermissions([])
}

/** A false answer over a document the source does not determine is unknown. */
function unlessUnknown(verdict: Verdict, documents: PolicyDocument[]): Verdict {
  return verdict.holds === false && documents.some((d) => d.unknown) ? UNKNOWN : verdict
}

export function allowsAction(subject: IamSubject, patterns: string[], context: IamContext): Verdict {
  const actions = patterns.flatMap((p) => expandAction(p).actions)
  if (subject.kind === 'statement') {
    if (effectOf(subject.statement) !== 'Allow') return FALSE
    return anyOf(actions.map((action) => statementMatch(subject.statement, action)))
  }
  if (subject.kind !== 'documents') return FALSE
  const permissions = permissionsOf(subject, context.aws)
  const verdict = anyOf(actions.map((action) => {
    const grant = permissions.grantsFor(action.key)[0]
    return grant ? isTrue(grant.element.loc) : FALSE
  }))
  return unlessUnknown(verdict, subject.documents)
}

function statementMatch(statement: Statement, action: CatalogAction): Verdict {
  const match = matchAction(statement, action.key)
  if (match === 'unknown') return UNKNOWN
  return match ? isTrue(match.element.loc) : FALSE
}

export function grantsAccessLevel(subject: IamSubject, levels: AccessLevel[], context: IamContext): Verdict {
  if (subject.kind === 'statement') {
    const { statement } = subject
    if (effectOf(statement) !== 'Allow') return FALSE
    if (statement.notActions) {
      return anyOf(expandAction('*').actions.filter((a) => hasAccessLevel(a, levels)).map((a) => statementMatch(statement, a)))
    }
    return anyOf((statement.actions ?? []).map((entry) => {
      if (!isKnown(entry)) return UNKNOWN
      return expandAction(entry.value).actions.some((a) => hasAccessLevel(a, levels)) ? isTrue(entry.loc) : FALSE
    }))
  }
  if (subject.kind !== 'documents') return FALSE
  for (const { action, grants } of permissionsOf(subject, context.aws).allowedActions().values()) {
    if (hasAccessLevel(action, levels)) return isTrue(grants[0]?.element.loc)
  }
  return unlessUnknown(FALSE, subject.documents)
}

export function principalIs(subject: IamSubject, kind: PrincipalClass, context: IamContext): Verdict {
  if (subject.kind === 'lambda-permission') {
    const { value, loc } = subject.principal
    if (typeof value !== 'string') return UNKNOWN
    return classifyText(value, kind, context.trustedAccounts, new Set()) ? isTrue(loc) : FALSE
  }
  const statements: { statement: Statement; document: PolicyDocument }[] =
    subject.kind === 'statement' ? [subject] : subject.principalDocuments.flatMap((document) => document.statements.map((statement) => ({ statement, document })))
  const verdict = anyOf(statements.map(({ statement, document }) => {
    if (effectOf(statement) !== 'Allow') return FALSE
    const own = ownAccounts(document)
    return anyOf((statement.principals ?? []).map((entry) => classifyEntry(entry, kind, context.trustedAccounts, own)))
  }))
  return subject.kind === 'statement' ? verdict : unlessUnknown(verdict, subject.principalDocuments)
}

function classifyEntry(entry: PrincipalEntry, kind: PrincipalClass, trusted: readonly string[], own: ReadonlySet<string>): Verdict {
  if (!isKnown(entry.value)) return UNKNOWN
  switch (kind) {
    case 'public':
      return isPublicPrincipal(entry) ? isTrue(entry.value.loc) : FALSE
    case 'service':
      return entry.type === 'Service' ? isTrue(entry.value.loc) : FALSE
    case 'federated':
      return entry.type === 'Federated' ? isTrue(entry.value.loc) : FALSE
    case 'cross_account': {
      const account = principalAccount(entry)
      return account && isForeignAccount(account, trusted, own) ? isTrue(entry.value.loc) : FALSE
    }
  }
}

function classifyText(text: string, kind: PrincipalClass, trusted: readonly string[], own: ReadonlySet<string>): boolean {
  switch (kind) {
    case 'public':
      return isAnyone(text)
    case 'service':
      return isServicePrincipalName(text)
    case 'federated':
      return false
    case 'cross_account': {
      const account = accountOfPrincipalText(text)
      return account !== undefined && isForeignAccount(account, trusted, own)
    }
  }
}

export function hasConditionKey(subject: IamSubject, keys: string[]): Verdict {
  if (subject.kind === 'lambda-permission') return FALSE
  const wanted = new Set(keys.map((k) => k.toLowerCase()))
  const statements = subject.kind === 'statement' ? [subject.statement] : [...subject.documents, ...subject.principalDocuments].flatMap((d) => d.statements)
  return anyOf(statements.flatMap((statement) => statement.conditions.map((condition) => {
    const key = conditionKey(condition)
    if (key === undefined) return UNKNOWN
    return wanted.has(key) ? isTrue(condition.loc) : FALSE
  })))
}

export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging']

/** Patterns that expand to no catalog action: a load error, since the predicate could never hold. */
export function unknownActionPatterns(patterns: string[]): string[] {
  return patterns.filter((p) => expandAction(p).actions.length === 0)
}
