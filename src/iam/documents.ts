import type { AwsModel } from '../model/aws.js'
import type { PolicyDocument, Statement } from '../model/policy.js'
import type { ResourceMeta } from '../model/resource.js'
import { isKnown, type Attr } from '../model/source.js'
import { effectOf } from './statement.js'

/** Identity policies (inline, managed, SAM function policies): the documents that grant a principal permissions. */
export function identityDocuments(aws: AwsModel): PolicyDocument[] {
  return aws.policyDocuments.filter((d) => d.kind === 'identity' && !d.unknown)
}

/** Documents that grant access to someone: identity policies and resource-based policies. */
export function grantingDocuments(aws: AwsModel): PolicyDocument[] {
  return aws.policyDocuments.filter((d) => (d.kind === 'identity' || d.kind === 'resource') && !d.unknown)
}

/**
 * Every trust policy once, as written: a role's with the role, one written on its own (a policy document no
 * role of the scan uses) with where it is written. A policy two roles share is judged once, with the first.
 */
export function trustPolicies(aws: AwsModel): { document: PolicyDocument; resource: ResourceMeta }[] {
  const roleOf = new Map(aws.iam.roles.flatMap((role) => (role.trust ? [[role.trust, role.meta] as const] : [])))
  return aws.policyDocuments.filter((d) => d.kind === 'trust' && !d.unknown).map((document) => ({ document, resource: roleOf.get(document) ?? document.owner }))
}

export function allowStatements(document: PolicyDocument): Statement[] {
  return document.statements.filter((s) => effectOf(s) === 'Allow')
}

/** `Statement[ReadLogs]` or `Statement[#2]`: how findings name a statement, stable across line moves. */
export function statementName(statement: Statement): string {
  const sid = statement.sid
  return sid && isKnown(sid) && sid.value !== '' ? `Statement[${sid.value}]` : `Statement[#${statement.index}]`
}

export function entryName(statement: Statement, element: string, entry: Attr<string>): string {
  return `${statementName(statement)}.${element}[${isKnown(entry) ? entry.value : '?'}]`
}
