import { emptyModel, type AwsModel, type IamGroup, type IamPolicy, type IamRole, type IamUser } from '../../src/model/aws.js'
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js'
import type { ResourceMeta } from '../../src/model/resource.js'
import { attr, type SourceRange } from '../../src/model/source.js'
import { documentFromJson } from '../../src/iam/index.js'

/** Hand-built model objects for unit tests of src/iam: one line per element is enough to tell grants apart. */

let line = 0
export function loc(): SourceRange {
  line += 1
  return { file: 'test.tf', startLine: line, endLine: line }
}

export function meta(address: string): ResourceMeta {
  return { address, sourceType: address.split('.')[0] ?? 'test', loc: loc(), suppressions: [] }
}

type Statement = Record<string, unknown>

/** A document whose every Action/Resource entry gets its own line, so tests can tell which entry granted. */
export function doc(statements: Statement[], kind: PolicyKind = 'identity', owner: ResourceMeta = meta('aws_iam_policy.test')): PolicyDocument {
  const document = documentFromJson({ Version: '2012-10-17', Statement: statements }, kind, owner, loc())
  for (const statement of document.statements) {
    for (const entries of [statement.actions, statement.notActions, statement.resources, statement.notResources]) {
      for (const entry of entries ?? []) entry.loc = loc()
    }
  }
  return document
}

export function allow(action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra }
}

export function deny(action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra }
}

export function model(): AwsModel {
  return emptyModel()
}

export function role(aws: AwsModel, name: string, inline: PolicyDocument[] = []): IamRole {
  const created: IamRole = { meta: meta(`aws_iam_role.${name}`), name: attr(name, loc()), inlinePolicies: inline, managedPolicies: [] }
  aws.iam.roles.push(created)
  aws.policyDocuments.push(...inline)
  return created
}

export function user(aws: AwsModel, name: string, inline: PolicyDocument[] = []): IamUser {
  const created: IamUser = { meta: meta(`aws_iam_user.${name}`), name: attr(name, loc()), inlinePolicies: inline, managedPolicies: [], groups: [] }
  aws.iam.users.push(created)
  aws.policyDocuments.push(...inline)
  return created
}

export function group(aws: AwsModel, name: string, inline: PolicyDocument[] = []): IamGroup {
  const created: IamGroup = { meta: meta(`aws_iam_group.${name}`), name: attr(name, loc()), inlinePolicies: inline, managedPolicies: [] }
  aws.iam.groups.push(created)
  aws.policyDocuments.push(...inline)
  return created
}

export function customerPolicy(aws: AwsModel, name: string, document: PolicyDocument): IamPolicy {
  const policy: IamPolicy = { meta: document.owner, name: attr(name, loc()), document }
  aws.iam.policies.push(policy)
  aws.policyDocuments.push(document)
  return policy
}

export function attach(principal: IamRole | IamUser | IamGroup, arn: string, policy?: IamPolicy): void {
  const at = loc()
  principal.managedPolicies.push({ loc: at, meta: meta(`aws_iam_role_policy_attachment.${principal.managedPolicies.length}`), policyArn: attr(arn, at), policy })
}
