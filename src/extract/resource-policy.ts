import type { ResourcePolicy } from '../model/aws.js'
import type { PolicyDocument } from '../model/policy.js'
import type { ResourceMeta } from '../model/resource.js'
import { Unknown, attr, firstLine, type Attr } from '../model/source.js'
import { field, type Value } from '../parse/value.js'
import type { ExtractContext, Handler } from './context.js'
import { readPolicyDocument } from './policy-document.js'
import { metaOf, toString } from './values.js'

/** What a resource policy protects: the target as written, and the reference it was written through. */
export interface PolicyTarget {
  value: Attr<string>
  ref?: string
}

/** A target written as an attribute (`bucket`, `queue_url`, `Queues[0]`); absent, it is unknown at the resource's first line. */
export function targetOf(value: Value | undefined, meta: ResourceMeta): PolicyTarget {
  if (!value || value.kind === 'null') return { value: attr<string>(new Unknown('no target given', meta.address), firstLine(meta.loc), false) }
  return { value: toString(value), ...(value.ref ? { ref: value.ref } : {}) }
}

/** The target of a policy written on the protected resource itself: its name when given, and its own address as the reference. */
export function ownTarget(meta: ResourceMeta, name: Value | undefined): PolicyTarget {
  const value = name && name.kind !== 'null' ? toString(name) : attr<string>(new Unknown('identifier assigned by AWS', meta.address), firstLine(meta.loc), false)
  return { value, ref: meta.address }
}

/** Handles a policy written on the protected resource itself (aws_sqs_queue.policy, KeyPolicy on AWS::KMS::Key), named by `nameKey` when it has a name. */
export function ownPolicyHandler(service: string, nameKey: string | undefined, policyKey: string): Handler {
  return (resource, context) => {
    const meta = metaOf(resource)
    const name = nameKey ? field(resource.body, nameKey) : undefined
    addResourcePolicies(context, meta, service, field(resource.body, policyKey), [ownTarget(meta, name)])
  }
}

/** Reads the document once and records one resource policy per target (an SQS or SNS policy may name several). */
export function addResourcePolicies(
  context: ExtractContext,
  meta: ResourceMeta,
  service: string,
  documentValue: Value | undefined,
  targets: PolicyTarget[],
): ResourcePolicy[] {
  const document = readPolicyDocument(documentValue, 'resource', meta, context, service)
  if (!document) return []
  return (targets.length > 0 ? targets : [targetOf(undefined, meta)]).map((target) => resourcePolicy(context, meta, service, document, target))
}

function resourcePolicy(context: ExtractContext, meta: ResourceMeta, service: string, document: PolicyDocument, target: PolicyTarget): ResourcePolicy {
  const policy: ResourcePolicy = { meta, service, document, target: target.value, ...(target.ref ? { targetRef: target.ref } : {}) }
  context.model.resourcePolicies.push(policy)
  return policy
}
