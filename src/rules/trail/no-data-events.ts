import type { Trail } from '../../model/aws.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

const DATA_EVENT_TYPES = new Set(['AWS::S3::Object', 'AWS::Lambda::Function'])

/** A selector on S3 objects or Lambda invocations; one whose type is unknown might be one. */
function recordsDataEvents(trail: Trail): boolean {
  return trail.dataEvents.some((event) => !isKnown(event.resourceType) || DATA_EVENT_TYPES.has(event.resourceType.value))
}

export default defineRule({
  id: 'trail/no-data-events',
  severity: 'low',
  title: 'No trail records S3 object or Lambda data events',
  why: 'Management events show who changed a bucket, not who read or deleted its objects, nor who invoked a function; without data events an exfiltration leaves no record (CIS AWS Foundations 3.10, 3.11). Severity: low: object and invocation level activity goes unrecorded; management events still are.',
  fix: 'Add an `event_selector { data_resource { type = "AWS::S3::Object" … } }` or an advanced event selector (Terraform), or `EventSelectors` / `AdvancedEventSelectors` with DataResources (CloudFormation), to one trail.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html'],
  // Repository-level: judges all trails of the scan together, so it is off until a rulebook enables it.
  enabledByDefault: false,
  check({ aws }, report) {
    const trails = aws.cloudtrail.trails
    if (trails.length === 0 || trails.some(recordsDataEvents)) return
    const [first, ...others] = trails
    report({
      at: { loc: firstLine(first!.meta.loc) },
      resource: first!.meta,
      message: 'No trail in the scanned code records S3 object-level or Lambda data events',
      related: others.map((trail) => ({ loc: firstLine(trail.meta.loc), message: `${trail.meta.address} records no data events either` })),
    })
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = true
}
`,
          lines: [1],
        },
      ],
      good: [
        {
          code: `resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
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
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: org-trail-logs
      AdvancedEventSelectors:
        - Name: Lambda invocations
          FieldSelectors:
            - Field: eventCategory
              Equals: [Data]
            - Field: resources.type
              Equals: [AWS::Lambda::Function]
`,
        },
      ],
    },
  },
})
