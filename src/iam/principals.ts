import type { AwsModel, CustomerPolicyReference, IamGroup, IamPolicy, IamRole, IamUser, PermissionSet, PolicyAttachment } from '../model/aws.js'
import type { PolicyDocument } from '../model/policy.js'
import type { ResourceMeta } from '../model/resource.js'
import { isKnown, isUnknown, type Attr, type Maybe, type SourceRange } from '../model/source.js'
import { awsManagedPolicy, awsManagedPolicyName } from './aws-managed-policies.js'
import { documentFromJson } from './json-document.js'
import { createPermissions, type Permissions } from './permissions.js'

/*
 * Everything attached to a principal in the model: inline policies, customer managed policies through
 * attachments, AWS managed policies known by name, and (for users) their groups' policies; narrowed by
 * the permissions boundary and the SCPs of the model. What cannot be resolved is listed, not guessed.
 */

export interface PrincipalPolicies {
  kind: 'role' | 'user' | 'group' | 'permissionSet' | 'policy'
  meta: ResourceMeta
  documents: PolicyDocument[]
  /** Attachments whose policy is neither in the code nor a known AWS managed policy; customer managed policies a permission set names that the code does not hold. */
  unresolved: (PolicyAttachment | CustomerPolicyReference)[]
  /** The boundary's documents; 'unknown' when set but not resolvable (then it does not narrow). */
  boundary?: PolicyDocument[] | 'unknown'
}

const awsManagedDocuments = new Map<string, PolicyDocument>()

/** The AWS managed policy an ARN (or an ARN pattern with an unknown partition) names, as a document located at `loc`, when it is one this tool knows. */
export function awsManagedDocument(arn: Maybe<string>, owner: ResourceMeta, loc: SourceRange): PolicyDocument | undefined {
  const name = awsManagedPolicyName(arn)
  const json = name === undefined ? undefined : awsManagedPolicy(name)
  if (!json) return undefined
  const cacheKey = `${name}\u0000${owner.address}\u0000${loc.file}:${loc.startLine}`
  let document = awsManagedDocuments.get(cacheKey)
  if (!document) {
    document = documentFromJson(json, 'identity', owner, loc)
    awsManagedDocuments.set(cacheKey, document)
  }
  return document
}

function referenceOf(value: Attr<string>): string | undefined {
  return isUnknown(value.value) ? value.value.ref : undefined
}

/** A customer managed policy of the model named by an ARN (by its name) or by a reference to its address. */
function customerPolicy(aws: AwsModel, arn: Attr<string>): IamPolicy | undefined {
  if (isKnown(arn)) {
    const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(arn.value)?.[1]
    return name === undefined ? undefined : aws.iam.policies.find((p) => p.name.value === name)
  }
  const ref = referenceOf(arn)
  if (!ref) return undefined
  return aws.iam.policies.find((p) => ref === p.meta.address || ref.startsWith(`${p.meta.address}.`))
}

function resolveArn(aws: AwsModel, arn: Attr<string>, owner: ResourceMeta, loc: SourceRange): PolicyDocument | undefined {
  return awsManagedDocument(arn.value, owner, loc) ?? customerPolicy(aws, arn)?.document
}

function attachedDocuments(aws: AwsModel, principal: IamRole | IamUser | IamGroup | PermissionSet): { documents: PolicyDocument[]; unresolved: PrincipalPolicies['unresolved'] } {
  const documents = [...principal.inlinePolicies]
  const unresolved: PrincipalPolicies['unresolved'] = []
  for (const attachment of principal.managedPolicies) {
    // An AWS managed policy's grants are written where its ARN is (policy_arn, a ManagedPolicyArns entry).
    const at = attachment.policyArn.explicit ? attachment.policyArn.loc : attachment.loc
    const document = attachment.policy?.document ?? resolveArn(aws, attachment.policyArn, principal.meta, at)
    if (document) documents.push(document)
    else unresolved.push(attachment)
  }
  for (const reference of 'customerManagedPolicies' in principal ? principal.customerManagedPolicies : []) {
    const document = referencedPolicy(aws, reference)?.document
    if (document) documents.push(document)
    else unresolved.push(reference)
  }
  return { documents, unresolved }
}

/** The customer managed policy of the model a permission set names (linked by extract, or found by its literal name). */
function referencedPolicy(aws: AwsModel, reference: CustomerPolicyReference): IamPolicy | undefined {
  if (reference.policy) return reference.policy
  const name = reference.name
  return isKnown(name) ? aws.iam.policies.find((p) => p.name.value === name.value) : undefined
}

function permissionSetBoundary(aws: AwsModel, set: PermissionSet): PolicyDocument[] | 'unknown' | undefined {
  const boundary = set.permissionsBoundary
  if (!boundary) return undefined
  const arn = boundary.managedPolicyArn
  const customer = boundary.customerManagedPolicy
  const document = arn ? resolveArn(aws, arn, set.meta, arn.loc) : customer ? referencedPolicy(aws, customer)?.document : undefined
  return document ? [document] : 'unknown'
}

function boundaryOf(aws: AwsModel, principal: IamRole | IamUser): PolicyDocument[] | 'unknown' | undefined {
  const arn = principal.permissionsBoundary
  if (!arn) return undefined
  const document = resolveArn(aws, arn, principal.meta, arn.loc)
  return document ? [document] : 'unknown'
}

function groupOf(aws: AwsModel, membership: IamUser['groups'][number]): IamGroup | undefined {
  if (membership.group) return membership.group
  const name = membership.name
  if (isKnown(name)) return aws.iam.groups.find((g) => g.name.value === name.value)
  const ref = referenceOf(name)
  return ref ? aws.iam.groups.find((g) => ref === g.meta.address || ref.startsWith(`${g.meta.address}.`)) : undefined
}

export function principalPolicies(aws: AwsModel): PrincipalPolicies[] {
  const principals: PrincipalPolicies[] = []
  for (const role of aws.iam.roles) principals.push({ kind: 'role', meta: role.meta, ...attachedDocuments(aws, role), boundary: boundaryOf(aws, role) })
  for (const group of aws.iam.groups) principals.push({ kind: 'group', meta: group.meta, ...attachedDocuments(aws, group) })
  for (const set of aws.iam.permissionSets) principals.push({ kind: 'permissionSet', meta: set.meta, ...attachedDocuments(aws, set), boundary: permissionSetBoundary(aws, set) })
  for (const user of aws.iam.users) {
    const own = attachedDocuments(aws, user)
    const groups = user.groups.map((m) => groupOf(aws, m)).filter((g): g is IamGroup => g !== undefined)
    const fromGroups = groups.map((g) => attachedDocuments(aws, g))
    principals.push({
      kind: 'user',
      meta: user.meta,
      documents: [...own.documents, ...fromGroups.flatMap((g) => g.documents)],
      unresolved: [...own.unresolved, ...fromGroups.flatMap((g) => g.unresolved)],
      boundary: boundaryOf(aws, user),
    })
  }
  return principals
}

/** Identity documents no principal of the model holds (a managed policy attached elsewhere, an orphan document): judged on their own. */
export function standaloneIdentityDocuments(aws: AwsModel, principals: PrincipalPolicies[]): PolicyDocument[] {
  const held = new Set(principals.flatMap((p) => p.documents))
  const boundaries = new Set(principals.flatMap((p) => (Array.isArray(p.boundary) ? p.boundary : [])))
  return aws.policyDocuments.filter((d) => d.kind === 'identity' && !held.has(d) && !boundaries.has(d))
}

/** Principals and standalone identity documents alike, each with what it may do. */
export function everyPrincipal(aws: AwsModel): PrincipalPolicies[] {
  const principals = principalPolicies(aws)
  const standalone = standaloneIdentityDocuments(aws, principals).map((document): PrincipalPolicies => ({ kind: 'policy', meta: document.owner, documents: [document], unresolved: [] }))
  return [...principals, ...standalone]
}

export function effectivePermissions(aws: AwsModel, principal: PrincipalPolicies): Permissions {
  const boundary = Array.isArray(principal.boundary) ? principal.boundary : undefined
  return createPermissions(principal.documents, { boundary, scps: aws.organizations.scps.map((s) => s.document) })
}
