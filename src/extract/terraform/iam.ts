import type { IamRole, IamUser, IdentityPool } from '../../model/aws.js'
import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import {
  addGroup, addPolicy, addRole, addUser, joinAttachment, joinInlinePolicy, joinMembership, joinUnauthenticatedRole,
  listItems, nameOr, policyAttachment, type PrincipalKind,
} from '../identity.js'
import { readPolicyDocument, readWrittenDocument } from '../policy-document.js'
import { boolOr, metaOf, numberOr, optionalString, requiredString, stringList, stringOr } from '../values.js'

const GENERATED = 'the AWS provider'

function role(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created: IamRole = addRole(context, meta, nameOr(field(resource.body, 'name'), meta, GENERATED))
  const trust = readPolicyDocument(field(resource.body, 'assume_role_policy'), 'trust', meta, context)
  if (trust) created.trust = trust
  const boundary = optionalString(resource, 'permissions_boundary')
  if (boundary) created.permissionsBoundary = boundary
  for (const block of listItems(field(resource.body, 'inline_policy'))) {
    const document = readPolicyDocument(block.kind === 'map' ? field(block, 'policy') : block, 'identity', meta, context)
    if (document) created.inlinePolicies.push(document)
  }
  for (const arn of listItems(field(resource.body, 'managed_policy_arns'))) created.managedPolicies.push(policyAttachment(context, meta, arn.loc, arn))
}

function user(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created: IamUser = addUser(context, meta, nameOr(field(resource.body, 'name'), meta, GENERATED))
  const boundary = optionalString(resource, 'permissions_boundary')
  if (boundary) created.permissionsBoundary = boundary
}

function group(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  addGroup(context, meta, nameOr(field(resource.body, 'name'), meta, GENERATED))
}

/** aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy: an inline policy written as its own resource. */
function inlinePolicy(kind: PrincipalKind) {
  return (resource: RawResource, context: ExtractContext): void => {
    const document = readPolicyDocument(field(resource.body, 'policy'), 'identity', metaOf(resource), context)
    if (document) joinInlinePolicy(context, kind, field(resource.body, kind), document)
  }
}

/** aws_iam_role_policy_attachment and its user/group siblings. */
function attachment(kind: PrincipalKind) {
  return (resource: RawResource, context: ExtractContext): void => {
    const meta = metaOf(resource)
    joinAttachment(context, kind, field(resource.body, kind), policyAttachment(context, meta, resource.loc, field(resource.body, 'policy_arn')))
  }
}

/** aws_iam_policy_attachment: one policy, exclusively attached to lists of roles, users and groups. */
function exclusiveAttachment(resource: RawResource, context: ExtractContext): void {
  const attached = policyAttachment(context, metaOf(resource), resource.loc, field(resource.body, 'policy_arn'))
  for (const kind of ['role', 'user', 'group'] as const) {
    for (const principalValue of listItems(field(resource.body, `${kind}s`))) joinAttachment(context, kind, principalValue, attached)
  }
}

function customerPolicy(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const document = readPolicyDocument(field(resource.body, 'policy'), 'identity', meta, context)
  if (document) addPolicy(context, meta, nameOr(field(resource.body, 'name'), meta, GENERATED), document)
}

function userGroupMembership(resource: RawResource, context: ExtractContext): void {
  for (const group of listItems(field(resource.body, 'groups'))) joinMembership(context, field(resource.body, 'user'), group)
}

function groupMembership(resource: RawResource, context: ExtractContext): void {
  const groupValue = field(resource.body, 'group')
  if (!groupValue) return
  for (const member of listItems(field(resource.body, 'users'))) joinMembership(context, member, groupValue)
}

function accessKey(resource: RawResource, context: ExtractContext): void {
  context.model.iam.accessKeys.push({ meta: metaOf(resource), user: requiredString(resource, 'user'), status: stringOr(resource, 'status', 'Active') })
}

/** Absent settings take the defaults of UpdateAccountPasswordPolicy: length 6, no reuse prevention, no expiry, no character classes. */
function passwordPolicy(resource: RawResource, context: ExtractContext): void {
  context.model.iam.passwordPolicies.push({
    meta: metaOf(resource),
    minimumLength: numberOr(resource, 'minimum_password_length', 6),
    reusePrevention: numberOr(resource, 'password_reuse_prevention', 0),
    maxAge: numberOr(resource, 'max_password_age', 0),
    requireSymbols: boolOr(resource, 'require_symbols', false),
    requireNumbers: boolOr(resource, 'require_numbers', false),
    requireUppercase: boolOr(resource, 'require_uppercase_characters', false),
    requireLowercase: boolOr(resource, 'require_lowercase_characters', false),
  })
}

function oidcProvider(resource: RawResource, context: ExtractContext): void {
  context.model.iam.oidcProviders.push({ meta: metaOf(resource), url: requiredString(resource, 'url'), clientIds: stringList(field(resource.body, 'client_id_list')) })
}

function identityPool(resource: RawResource, context: ExtractContext): void {
  const pool: IdentityPool = { meta: metaOf(resource), allowUnauthenticated: boolOr(resource, 'allow_unauthenticated_identities', false) }
  context.model.iam.identityPools.push(pool)
  context.register('identityPool', resource.address, pool)
}

function identityPoolRoles(resource: RawResource, context: ExtractContext): void {
  const roles = field(resource.body, 'roles')
  const unauthenticated = roles?.kind === 'map' ? field(roles, 'unauthenticated') : undefined
  if (unauthenticated) joinUnauthenticatedRole(context, field(resource.body, 'identity_pool_id'), unauthenticated)
}

/** data "aws_iam_policy_document": the policy it writes, judged where it is written whether or not a resource of the scan uses it. */
function policyDocumentData(resource: RawResource, context: ExtractContext): void {
  readWrittenDocument(field(resource.body, 'json'), metaOf(resource), context)
}

export const handlers: Record<string, Handler> = {
  'data.aws_iam_policy_document': policyDocumentData,
  aws_iam_policy: customerPolicy,
  aws_iam_role: role,
  aws_iam_role_policy: inlinePolicy('role'),
  aws_iam_role_policy_attachment: attachment('role'),
  aws_iam_policy_attachment: exclusiveAttachment,
  aws_iam_user: user,
  aws_iam_user_policy: inlinePolicy('user'),
  aws_iam_user_policy_attachment: attachment('user'),
  aws_iam_user_group_membership: userGroupMembership,
  aws_iam_group: group,
  aws_iam_group_policy: inlinePolicy('group'),
  aws_iam_group_policy_attachment: attachment('group'),
  aws_iam_group_membership: groupMembership,
  aws_iam_access_key: accessKey,
  aws_iam_account_password_policy: passwordPolicy,
  aws_iam_openid_connect_provider: oidcProvider,
  aws_cognito_identity_pool: identityPool,
  aws_cognito_identity_pool_roles_attachment: identityPoolRoles,
}
