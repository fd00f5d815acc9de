import type { PublicAccessBlock } from '../../model/aws.js'
import type { Attr } from '../../model/source.js'
import { firstLine, isKnown } from '../../model/source.js'
import { replaceValue } from '../fix.js'
import { defineRule } from '../types.js'

type Setting = 'blockPublicAcls' | 'blockPublicPolicy' | 'ignorePublicAcls' | 'restrictPublicBuckets'

const SETTINGS: { key: Setting; name: string }[] = [
  { key: 'blockPublicAcls', name: 'BlockPublicAcls' },
  { key: 'blockPublicPolicy', name: 'BlockPublicPolicy' },
  { key: 'ignorePublicAcls', name: 'IgnorePublicAcls' },
  { key: 'restrictPublicBuckets', name: 'RestrictPublicBuckets' },
]

/** On, or not determined by the source (never guessed off). */
function onOrUnknown(value: Attr<boolean> | undefined): boolean {
  return value !== undefined && (!isKnown(value) || value.value === true)
}

export default defineRule({
  id: 's3/public-access-block-missing',
  severity: 'medium',
  title: 'S3 bucket is not covered by a full public access block',
  why: 'Only all four public access block settings together stop a bucket from becoming public by a later ACL or policy change; each missing one leaves a path (new public ACLs, existing public ACLs, public policies, cross-account access through a public policy). Severity: medium: the block is the guardrail against a later public ACL or policy; its absence exposes nothing yet.',
  fix: 'Add an `aws_s3_bucket_public_access_block` (or `PublicAccessBlockConfiguration` in CloudFormation) with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true, or an account-level block.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  check({ aws }, report) {
    const accountBlocks = aws.s3.accountPublicAccessBlocks
    for (const bucket of aws.s3.buckets) {
      const block: PublicAccessBlock | undefined = bucket.publicAccessBlock
      const missing = SETTINGS.filter(({ key }) => !onOrUnknown(block?.[key]) && !accountBlocks.some((account) => onOrUnknown(account[key])))
      if (missing.length === 0) continue
      if (!block) {
        report({ at: { loc: firstLine(bucket.meta.loc) }, resource: bucket.meta, element: 'publicAccessBlock', message: 'The bucket has no public access block, at bucket or account level' })
        continue
      }
      const written = missing.filter(({ key }) => block[key].explicit)
      for (const { key, name } of written) {
        report({ at: block[key], resource: bucket.meta, element: name, message: `${name} is off in the bucket's public access block`, fix: replaceValue(block[key], 'true', `Turn ${name} on`) })
      }
      const absent = missing.filter(({ key }) => !block[key].explicit).map(({ name }) => name)
      if (absent.length > 0) {
        report({ at: { loc: firstLine(block.meta.loc) }, resource: bucket.meta, element: absent.join(','), message: `The bucket's public access block leaves ${absent.join(', ')} off (the default)` })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}
`,
          lines: [1],
        },
        {
          code: `resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
}
`,
          lines: [5, 8],
        },
      ],
      good: [
        {
          code: `resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
        },
        {
          code: `resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
`,
          lines: [2],
        },
        {
          code: `Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: false
`,
          lines: [10],
        },
      ],
      good: [
        {
          code: `Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
        },
      ],
    },
  },
})
