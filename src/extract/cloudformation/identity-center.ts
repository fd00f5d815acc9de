import type { PermissionSetBoundary } from '../../model/aws.js'
import type { RawResource } from '../../parse/types.js'
import { field, type Value } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { addPermissionSet, customerPolicyReference, listItems, nameOr, policyAttachment } from '../identity.js'
import { readPolicyDocument } from '../policy-document.js'
import { metaOf, toString } from '../values.js'

/** A `{ Name, Path }` customer managed policy reference. */
function reference(resource: RawResource, value: Value, context: ExtractContext) {
  const body = value.kind === 'map' ? value : undefined
  return customerPolicyReference(context, metaOf(resource), value.loc, body && field(body, 'Name'), body && field(body, 'Path'))
}

/** AWS::SSO::PermissionSet: an IAM Identity Center permission set with every kind of policy it can hold written on it. */
function permissionSet(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const set = addPermissionSet(context, meta, nameOr(field(resource.body, 'Name'), meta, 'CloudFormation'))
  const inline = readPolicyDocument(field(resource.body, 'InlinePolicy'), 'identity', meta, context)
  if (inline) set.inlinePolicies.push(inline)
  for (const arn of listItems(field(resource.body, 'ManagedPolicies'))) set.managedPolicies.push(policyAttachment(context, meta, arn.loc, arn))
  for (const entry of listItems(field(resource.body, 'CustomerManagedPolicyReferences'))) set.customerManagedPolicies.push(reference(resource, entry, context))
  const boundaryValue = field(resource.body, 'PermissionsBoundary')
  if (boundaryValue?.kind === 'map') {
    const boundary: PermissionSetBoundary = { loc: boundaryValue.loc, meta }
    const arn = field(boundaryValue, 'ManagedPolicyArn')
    if (arn && arn.kind !== 'null') boundary.managedPolicyArn = toString(arn)
    const customer = field(boundaryValue, 'CustomerManagedPolicyReference')
    if (customer && customer.kind !== 'null') boundary.customerManagedPolicy = reference(resource, customer, context)
    set.permissionsBoundary = boundary
  }
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::SSO::PermissionSet': permissionSet,
})
