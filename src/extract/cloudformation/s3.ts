import type { S3Bucket } from '../../model/aws.js'
import { attr } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import { addBucket, addBucketPolicy, joinBucket, publicAccessBlock } from '../buckets.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { nameOr } from '../identity.js'
import { targetOf } from '../resource-policy.js'
import { metaOf, optionalString, toString } from '../values.js'

function bucket(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const created: S3Bucket = addBucket(context, { meta, name: nameOr(field(resource.body, 'BucketName'), meta, 'CloudFormation') })
  const acl = optionalString(resource, 'AccessControl')
  if (acl) created.acl = acl
  const logging = field(resource.body, 'LoggingConfiguration')
  if (logging?.kind === 'map') {
    // Without DestinationBucketName, S3 delivers the bucket's access logs to the bucket itself.
    const destination = field(logging, 'DestinationBucketName')
    created.loggingTarget = destination ? toString(destination) : attr(created.name.value, logging.loc, false)
  }
  const settings = field(resource.body, 'PublicAccessBlockConfiguration')
  if (settings?.kind === 'map') {
    created.publicAccessBlock = publicAccessBlock({ ...meta, loc: settings.loc }, settings, {
      blockPublicAcls: 'BlockPublicAcls',
      blockPublicPolicy: 'BlockPublicPolicy',
      ignorePublicAcls: 'IgnorePublicAcls',
      restrictPublicBuckets: 'RestrictPublicBuckets',
    })
  }
}

function bucketPolicy(resource: RawResource, context: ExtractContext): void {
  const meta = metaOf(resource)
  const bucketValue = field(resource.body, 'Bucket')
  const policy = addBucketPolicy(context, meta, field(resource.body, 'PolicyDocument'), targetOf(bucketValue, meta))
  if (policy) joinBucket(context, bucketValue, (found) => (found.policy = policy))
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::S3::Bucket': bucket,
  'AWS::S3::BucketPolicy': bucketPolicy,
})
