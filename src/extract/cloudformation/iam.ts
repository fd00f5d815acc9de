import type { IamGroup, IamRole, IamUser, IdentityPool } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import type { RawResource } from '../../parse/types.js'
import { field, type Value } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import {
  addGroup, addMembership, addPolicy, addRole, addUser, joinAttachment, joinInlinePolicy, joinMembership, joinUnauthenticatedRole,
  listItems, nameOr, policyAttachment, type PrincipalKind,
} from '../identity.js'
import { readPolicyDocument } from '../policy-document.js'
import { boolOr, metaOf, optionalString, requiredString, stringList, stringOr } from '../values.js'

const GENERATED = 'CloudFormation'

/** `Policies` and `ManagedPolicyArns`, written the same way on roles, users and groups. */
function principalPolicies(resource: RawResource, principal: IamRole | IamUser | IamGroup, context: ExtractContext): void {
  for (const entry of listItems(field(resource.body, 'Policies'))) {
    const documentValue = entry.kind === 'map' ? field(entry, 'PolicyDocument') : entry
    const document = readPolicyDocument(documentValue, 'identity', principal.meta, context)
    if (document) principal.inlinePolicies.push(document)
  }
  for (const arn of listItems(field(resource.body, 'ManagedPolicyArns'))) {
    principal.managedPolicies.push(policyAttachment(context, principal.meta, arn.loc, arn))
  }
}

function role(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created = addRole(context, meta, nameOr(field(resource.body, 'RoleName'), meta, GENERATED))
  const trust = readPolicyDocument(field(resource.body, 'AssumeRolePolicyDocument'), 'trust', meta, context)
  if (trust) created.trust = trust
  const boundary = optionalString(resource, 'PermissionsBoundary')
  if (boundary) created.permissionsBoundary = boundary
  principalPolicies(resource, created, context)
}

function user(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created = addUser(context, meta, nameOr(field(resource.body, 'UserName'), meta, GENERATED))
  const boundary = optionalString(resource, 'PermissionsBoundary')
  if (boundary) created.permissionsBoundary = boundary
  principalPolicies(resource, created, context)
  for (const group of listItems(field(resource.body, 'Groups'))) addMembership(context, created, group)
}

function group(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  principalPolicies(resource, addGroup(context, meta, nameOr(field(resource.body, 'GroupName'), meta, GENERATED)), context)
}

const PRINCIPAL_LISTS = [['role', 'Roles'], ['user', 'Users'], ['group', 'Groups']] as const

/** AWS::IAM::Policy: an inline policy put on every listed role, user and group. */
function inlinePolicyOnMany(resource: RawResource, context: ExtractContext): void {
  const document = readPolicyDocument(field(resource.body, 'PolicyDocument'), 'identity', metaOf(resource), context)
  if (!document) return
  for (const [kind, property] of PRINCIPAL_LISTS) {
    for (const principal of listItems(field(resource.body, property))) joinInlinePolicy(context, kind, principal, document)
  }
}

/** AWS::IAM::ManagedPolicy: a customer policy, attached to every listed role, user and group. */
function managedPolicy(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const document = readPolicyDocument(field(resource.body, 'PolicyDocument'), 'identity', meta, context)
  if (!document) return
  addPolicy(context, meta, nameOr(field(resource.body, 'ManagedPolicyName'), meta, GENERATED), document)
  for (const [kind, property] of PRINCIPAL_LISTS) {
    for (const principal of listItems(field(resource.body, property))) {
      joinAttachment(context, kind, principal, policyAttachment(context, meta, principal.loc, ownArn(meta, principal)))
    }
  }
}

/** The ARN of a policy attached where it is declared: assigned by AWS, reachable through the policy's own logical ID. */
function ownArn(meta: ResourceMeta, at: Value): Value {
  return { kind: 'unknown', reason: 'ARN assigned by AWS', ref: meta.address, loc: at.loc }
}

/** AWS::IAM::RolePolicy, UserPolicy, GroupPolicy: an inline policy on one principal named by `…Name`. */
function inlinePolicy(kind: PrincipalKind, property: string) {
  return (resource: RawResource, context: ExtractContext): void => {
    const document = readPolicyDocument(field(resource.body, 'PolicyDocument'), 'identity', metaOf(resource), context)
    if (document) joinInlinePolicy(context, kind, field(resource.body, property), document)
  }
}

function userToGroupAddition(resource: RawResource, context: ExtractContext): void {
  const groupValue = field(resource.body, 'GroupName')
  if (!groupValue) return
  for (const member of listItems(field(resource.body, 'Users'))) joinMembership(context, member, groupValue)
}

function accessKey(resource: RawResource, context: ExtractContext): void {
  context.model.iam.accessKeys.push({ meta: metaOf(resource), user: requiredString(resource, 'UserName'), status: stringOr(resource, 'Status', 'Active') })
}

function oidcProvider(resource: RawResource, context: ExtractContext): void {
  context.model.iam.oidcProviders.push({ meta: metaOf(resource), url: requiredString(resource, 'Url'), clientIds: stringList(field(resource.body, 'ClientIdList')) })
}

function identityPool(resource: RawResource, context: ExtractContext): void {
  const pool: IdentityPool = { meta: metaOf(resource), allowUnauthenticated: boolOr(resource, 'AllowUnauthenticatedIdentities', false) }
  context.model.iam.identityPools.push(pool)
  context.register('identityPool', resource.address, pool)
}

function identityPoolRoleAttachment(resource: RawResource, context: ExtractContext): void {
  const roles = field(resource.body, 'Roles')
  const unauthenticated = roles?.kind === 'map' ? field(roles, 'unauthenticated') : undefined
  if (unauthenticated) joinUnauthenticatedRole(context, field(resource.body, 'IdentityPoolId'), unauthenticated)
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::IAM::Role': role,
  'AWS::IAM::User': user,
  'AWS::IAM::Group': group,
  'AWS::IAM::Policy': inlinePolicyOnMany,
  'AWS::IAM::ManagedPolicy': managedPolicy,
  'AWS::IAM::RolePolicy': inlinePolicy('role', 'RoleName'),
  'AWS::IAM::UserPolicy': inlinePolicy('user', 'UserName'),
  'AWS::IAM::GroupPolicy': inlinePolicy('group', 'GroupName'),
  'AWS::IAM::UserToGroupAddition': userToGroupAddition,
  'AWS::IAM::AccessKey': accessKey,
  'AWS::IAM::OIDCProvider': oidcProvider,
  'AWS::Cognito::IdentityPool': identityPool,
  'AWS::Cognito::IdentityPoolRoleAttachment': identityPoolRoleAttachment,
})
