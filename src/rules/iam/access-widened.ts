import { createPermissions, describeDelta, effectivePermissions, everyPrincipal, permissionDelta, type Permissions } from '../../iam/index.js'
import type { AwsModel } from '../../model/aws.js'
import type { ResourceMeta } from '../../model/resource.js'
import { formatLoc } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Subject {
  meta: ResourceMeta
  what: string
  permissions: Permissions
}

const WHAT = { role: 'Role', user: 'User', group: 'Group', permissionSet: 'Permission set', policy: 'Policy' } as const

/** Every principal (and standalone identity policy) and every resource policy, by address. */
function subjects(aws: AwsModel): Map<string, Subject> {
  const byAddress = new Map<string, Subject>()
  for (const principal of everyPrincipal(aws)) {
    byAddress.set(`${principal.kind}:${principal.meta.address}`, { meta: principal.meta, what: WHAT[principal.kind], permissions: effectivePermissions(aws, principal) })
  }
  for (const policy of aws.resourcePolicies) {
    if (!policy.document.unknown) byAddress.set(`resource:${policy.meta.address}`, { meta: policy.meta, what: `${policy.service} resource policy`, permissions: createPermissions([policy.document]) })
  }
  return byAddress
}

export default defineRule({
  id: 'iam/access-widened',
  severity: 'medium',
  title: 'Change widens what a principal or resource policy allows',
  why: 'A reviewer sees a diff of policy text, not of access: a new wildcard, a removed Deny or a new attachment can grant hundreds of actions in one line. This lists what the principal can do after the change that it could not before (the offline counterpart of IAM Access Analyzer\'s CheckNoNewAccess). Severity: medium: the finding says access grew, which a reviewer must look at; whether the new access is dangerous is what the content rules grade.',
  fix: 'Confirm that each new action is needed; otherwise narrow the statement that grants it.',
  links: ['https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html'],
  check({ aws, base }, report) {
    if (!base) return
    const before = subjects(base)
    for (const [key, head] of subjects(aws)) {
      const previous = before.get(key)
      if (!previous) continue
      const delta = permissionDelta(previous.permissions, head.permissions)
      if (delta.added.length === 0) continue
      const grants = [...new Map(delta.added.flatMap((a) => a.grants).map((g) => [`${g.element.loc.file}:${g.element.loc.startLine}`, g])).values()]
      const [first, ...others] = grants
      report({
        at: first!.element,
        resource: head.meta,
        element: `access-widened[${delta.added.map((a) => a.action.key).sort().join(',')}]`,
        message: `${head.what} ${head.meta.address} can do ${delta.added.length} more action${delta.added.length > 1 ? 's' : ''} than on the base branch`,
        details: describeDelta(delta),
        related: others.slice(0, 10).map((g) => ({ loc: g.element.loc, message: `also grants new access (${formatLoc(g.element.loc)})` })),
      })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          base: `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app/*" }]
    })
  }
}
`,
          code: `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::app/*" }]
    })
  }
}
`,
          lines: [11],
        },
      ],
      good: [
        {
          base: `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::app/*" }]
    })
  }
}
`,
          code: `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app/*" }]
    })
  }
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          base: `Resources:
  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: reports
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/reader }
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
`,
          code: `Resources:
  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: reports
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/reader }
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/reader }
            Action: s3:DeleteObject
            Resource: arn:aws:s3:::reports/*
`,
          lines: [15],
        },
      ],
      good: [
        {
          base: `Resources:
  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: reports
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/reader }
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
`,
          code: `Resources:
  ReportsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: reports
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/reader }
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: arn:aws:s3:::reports/*
            Condition:
              Bool:
                aws:SecureTransport: "false"
`,
        },
      ],
    },
  },
})
