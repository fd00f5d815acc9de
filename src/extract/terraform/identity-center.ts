import type { PermissionSetBoundary } from '../../model/aws.js'
import type { RawResource } from '../../parse/types.js'
import { field, type Value } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { addPermissionSet, customerPolicyReference, joinPermissionSet, listItems, nameOr, policyAttachment } from '../identity.js'
import { readPolicyDocument } from '../policy-document.js'
import { metaOf, toString } from '../values.js'

/*
 * IAM Identity Center permission sets: the set, and its policies written as separate resources that
 * name it by `permission_set_arn` (a reference, or the ARN of a set declared elsewhere).
 */

function permissionSet(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  addPermissionSet(context, meta, nameOr(field(resource.body, 'name'), meta, 'the AWS provider'))
}

function inlinePolicy(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const document = readPolicyDocument(field(resource.body, 'inline_policy'), 'identity', meta, context)
  if (document) joinPermissionSet(context, field(resource.body, 'permission_set_arn'), meta, (set) => set.inlinePolicies.push(document))
}

function managedPolicyAttachment(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const attachment = policyAttachment(context, meta, resource.loc, field(resource.body, 'managed_policy_arn'))
  joinPermissionSet(context, field(resource.body, 'permission_set_arn'), meta, (set) => set.managedPolicies.push(attachment))
}

/** The `customer_managed_policy_reference` block of a resource or of its `permissions_boundary`. */
function referenceBlock(resource: RawResource, within: Value | undefined, context: ExtractContext) {
  const block = listItems(within && within.kind === 'map' ? field(within, 'customer_managed_policy_reference') : undefined)[0]
  if (!block) return undefined
  const body = block.kind === 'map' ? block : undefined
  return customerPolicyReference(context, metaOf(resource), block.loc, body && field(body, 'name'), body && field(body, 'path'))
}

function customerManagedPolicyAttachment(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const reference = referenceBlock(resource, resource.body, context)
  if (reference) joinPermissionSet(context, field(resource.body, 'permission_set_arn'), meta, (set) => set.customerManagedPolicies.push(reference))
}

function permissionsBoundaryAttachment(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const block = listItems(field(resource.body, 'permissions_boundary'))[0]
  if (!block) return
  const boundary: PermissionSetBoundary = { loc: block.loc, meta }
  const arn = block.kind === 'map' ? field(block, 'managed_policy_arn') : undefined
  if (arn && arn.kind !== 'null') boundary.managedPolicyArn = toString(arn)
  const reference = referenceBlock(resource, block, context)
  if (reference) boundary.customerManagedPolicy = reference
  joinPermissionSet(context, field(resource.body, 'permission_set_arn'), meta, (set) => {
    set.permissionsBoundary = boundary
  })
}

export const handlers: Record<string, Handler> = {
  aws_ssoadmin_permission_set: permissionSet,
  aws_ssoadmin_permission_set_inline_policy: inlinePolicy,
  aws_ssoadmin_managed_policy_attachment: managedPolicyAttachment,
  aws_ssoadmin_customer_managed_policy_attachment: customerManagedPolicyAttachment,
  aws_ssoadmin_permissions_boundary_attachment: permissionsBoundaryAttachment,
}
