import type { S3Bucket, Trail } from '../../model/aws.js'
import type { Statement } from '../../model/policy.js'
import { publicStatements } from '../../iam/index.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

// Canned ACLs that grant everyone (or every AWS account) access; CloudFormation writes them in PascalCase.
const PUBLIC_ACLS = new Set(['publicread', 'publicreadwrite', 'authenticatedread'])

export default defineRule({
  id: 'trail/bucket-public-or-unlogged',
  severity: 'high',
  title: 'CloudTrail bucket is public or has no access logging',
  why: 'The trail bucket holds the account’s audit history: public, it tells an attacker everything; without server access logging, nobody can tell who read or deleted the logs (CIS AWS Foundations 3.3, 3.6). Severity: high: a public log bucket leaks the account’s activity and lets logs be tampered with; an unlogged one hides who read them.',
  fix: 'Keep the bucket private (no public canned ACL or `*` policy grant, a public access block) and turn on server access logging to a separate bucket.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerAccessLogs.html'],
  check({ aws }, report) {
    const accountBlocks = aws.s3.accountPublicAccessBlocks
    const trailsByBucket = new Map<S3Bucket, Trail[]>()
    for (const trail of aws.cloudtrail.trails) if (trail.bucket) trailsByBucket.set(trail.bucket, [...(trailsByBucket.get(trail.bucket) ?? []), trail])
    for (const [bucket, trails] of trailsByBucket) {
      const related = trails.map((trail) => ({ loc: trail.bucketName.loc, message: `${trail.meta.address} writes its logs here` }))
      const names = trails.map((trail) => trail.meta.address).join(', ')
      const ignoresAcls = bucket.publicAccessBlock?.ignorePublicAcls.value === true || accountBlocks.some((block) => block.ignorePublicAcls.value === true)
      const restricts = bucket.publicAccessBlock?.restrictPublicBuckets.value === true || accountBlocks.some((block) => block.restrictPublicBuckets.value === true)
      if (bucket.acl && typeof bucket.acl.value === 'string' && PUBLIC_ACLS.has(bucket.acl.value.toLowerCase().replace(/-/g, '')) && !ignoresAcls) {
        report({ at: bucket.acl, resource: bucket.meta, message: `The bucket of ${names} has the public canned ACL ${bucket.acl.value}: the audit logs are readable outside the account`, related })
      }
      for (const statement of restricts ? [] : openStatements(bucket)) {
        report({ at: statement, resource: bucket.meta, message: `The bucket policy of ${names}'s log bucket allows anyone, with no condition`, related })
      }
      if (!bucket.loggingTarget) {
        report({ at: { loc: firstLine(bucket.meta.loc) }, resource: bucket.meta, message: `The bucket of ${names} has no server access logging: reads and deletions of the audit logs leave no trace`, related })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-logs"
  acl    = "public-read"

  logging {
    target_bucket = "org-access-logs"
  }
}

resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
`,
          lines: [3],
        },
        {
          code: `resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = "org-access-logs"
  target_prefix = "cloudtrail/"
}

resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: org-trail-logs
      AccessControl: AuthenticatedRead
      LoggingConfiguration:
        DestinationBucketName: org-access-logs
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
`,
          lines: [6],
        },
        {
          code: `Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: org-trail-logs
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: org-trail-logs
`,
          lines: [2],
        },
      ],
      good: [
        {
          code: `Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: org-trail-logs
      AccessControl: Private
      LoggingConfiguration:
        DestinationBucketName: org-access-logs
        LogFilePrefix: cloudtrail/
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
`,
        },
      ],
    },
  },
})

/** Allow statements of the bucket policy an outside caller can use (src/iam decides: conditions and Deny fences included). */
function openStatements(bucket: S3Bucket): Statement[] {
  return bucket.policy ? publicStatements(bucket.policy.document).map(({ statement }) => statement) : []
}
