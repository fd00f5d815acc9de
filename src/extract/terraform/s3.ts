import type { S3Bucket } from '../../model/aws.js'
import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import { addBucket, addBucketPolicy, joinBucket, publicAccessBlock, type PublicAccessBlockKeys } from '../buckets.js'
import type { ExtractContext, Handler } from '../context.js'
import { nameOr } from '../identity.js'
import { ownTarget, targetOf } from '../resource-policy.js'
import { metaOf, optionalString } from '../values.js'

const BLOCK_KEYS: PublicAccessBlockKeys = {
  blockPublicAcls: 'block_public_acls',
  blockPublicPolicy: 'block_public_policy',
  ignorePublicAcls: 'ignore_public_acls',
  restrictPublicBuckets: 'restrict_public_buckets',
}

/** aws_s3_bucket, with the settings provider v3 wrote inline (acl, logging, policy). */
function bucket(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created: S3Bucket = addBucket(context, { meta, name: nameOr(field(resource.body, 'bucket'), meta, 'the AWS provider') })
  const acl = optionalString(resource, 'acl')
  if (acl) created.acl = acl
  const loggingTarget = optionalString(resource, 'logging.target_bucket')
  if (loggingTarget) created.loggingTarget = loggingTarget
  const policy = addBucketPolicy(context, meta, field(resource.body, 'policy'), ownTarget(meta, field(resource.body, 'bucket')))
  if (policy) created.policy = policy
}

function bucketAcl(resource: RawResource, context: ExtractContext): void {
  const acl = optionalString(resource, 'acl')
  if (acl) joinBucket(context, field(resource.body, 'bucket'), (found) => (found.acl = acl))
}

function bucketLogging(resource: RawResource, context: ExtractContext): void {
  const target = optionalString(resource, 'target_bucket')
  if (target) joinBucket(context, field(resource.body, 'bucket'), (found) => (found.loggingTarget = target))
}

function bucketPolicy(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const bucketValue = field(resource.body, 'bucket')
  const policy = addBucketPolicy(context, meta, field(resource.body, 'policy'), targetOf(bucketValue, meta))
  if (policy) joinBucket(context, bucketValue, (found) => (found.policy = policy))
}

function bucketPublicAccessBlock(resource: RawResource, context: ExtractContext): void {
  const block = publicAccessBlock(metaOf(resource), resource.body, BLOCK_KEYS)
  joinBucket(context, field(resource.body, 'bucket'), (found) => (found.publicAccessBlock = block))
}

function accountPublicAccessBlock(resource: RawResource, context: ExtractContext): void {
  context.model.s3.accountPublicAccessBlocks.push(publicAccessBlock(metaOf(resource), resource.body, BLOCK_KEYS))
}

export const handlers: Record<string, Handler> = {
  aws_s3_bucket: bucket,
  aws_s3_bucket_acl: bucketAcl,
  aws_s3_bucket_logging: bucketLogging,
  aws_s3_bucket_policy: bucketPolicy,
  aws_s3_bucket_public_access_block: bucketPublicAccessBlock,
  aws_s3_account_public_access_block: accountPublicAccessBlock,
}
