import type { PublicAccessBlock, ResourcePolicy, S3Bucket } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'
import { attr, firstLine, type Attr } from '../model/source.js'
import { field, type MapValue, type Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { addResourcePolicies, type PolicyTarget } from './resource-policy.js'
import { toBool } from './values.js'

/** Framework-neutral S3 buckets and the settings other resources attach to them. */

export function addBucket(context: ExtractContext, bucket: S3Bucket): S3Bucket {
  context.model.s3.buckets.push(bucket)
  context.register('bucket', bucket.meta.address, bucket, typeof bucket.name.value === 'string' ? [bucket.name.value] : [])
  return bucket
}

/** Applies a setting to the bucket `bucket` names, once every resource is known; a bucket outside the code is left alone. */
export function joinBucket(context: ExtractContext, bucket: Value | undefined, apply: (found: S3Bucket) => void): void {
  context.afterAll(() => {
    const found = context.lookup<S3Bucket>('bucket', bucket)
    if (found) apply(found)
  })
}

/** A bucket policy, as a resource policy of service `s3`. */
export function addBucketPolicy(context: ExtractContext, meta: ResourceMeta, document: Value | undefined, target: PolicyTarget): ResourcePolicy | undefined {
  return addResourcePolicies(context, meta, 's3', document, [target])[0]
}

export interface PublicAccessBlockKeys {
  blockPublicAcls: string
  blockPublicPolicy: string
  ignorePublicAcls: string
  restrictPublicBuckets: string
}

/** The four settings of a public access block; each one absent is off (AWS's default), at the block's first line. */
export function publicAccessBlock(meta: ResourceMeta, settings: MapValue, keys: PublicAccessBlockKeys): PublicAccessBlock {
  const setting = (key: string): Attr<boolean> => {
    const value = field(settings, key)
    return value && value.kind !== 'null' ? toBool(value) : attr(false, firstLine(meta.loc), false)
  }
  return {
    meta,
    blockPublicAcls: setting(keys.blockPublicAcls),
    blockPublicPolicy: setting(keys.blockPublicPolicy),
    ignorePublicAcls: setting(keys.ignorePublicAcls),
    restrictPublicBuckets: setting(keys.restrictPublicBuckets),
  }
}
