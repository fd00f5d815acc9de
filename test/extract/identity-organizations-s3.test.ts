import { describe, expect, it } from 'vitest'
import { isUnknown } from '../../src/model/source.js'
import { cloudformationUnit, extract, lineOf, terraformUnit } from '../helpers/values.js'

describe('Organizations service control policies', () => {
  it('reads Terraform SCPs and joins attachments declared before the policy; only SERVICE_CONTROL_POLICY counts', () => {
    const text = `{
  "resource": {
    "aws_organizations_policy_attachment": {
      "root": { "policy_id": "@unknown(aws_organizations_policy.guard.id)", "target_id": "@unknown(aws_organizations_organization.org.roots[0].id)" },
      "literal_root": { "policy_id": "@unknown(aws_organizations_policy.guard.id)", "target_id": "r-ab12" },
      "ou": { "policy_id": "@unknown(aws_organizations_policy.guard.id)", "target_id": "ou-ab12-34cd56ef" },
      "tags": { "policy_id": "@unknown(aws_organizations_policy.tags.id)", "target_id": "r-ab12" }
    },
    "aws_organizations_policy": {
      "guard": {
        "name": "guardrails",
        "content": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Action": "cloudtrail:StopLogging", "Resource": "*" }] }
      },
      "tags": { "name": "tags", "type": "TAG_POLICY", "content": "{\\"tags\\": {}}" }
    }
  }
}`
    const { model, diagnostics } = extract(terraformUnit(text))
    expect(diagnostics).toEqual([])
    expect(model.organizations.scps).toHaveLength(1)
    const scp = model.organizations.scps[0]!
    expect(scp.name).toMatchObject({ value: 'guardrails', loc: { startLine: 11 } })
    expect(scp.document.kind).toBe('scp')
    expect(scp.document.statements[0]!.actions![0]).toMatchObject({ value: 'cloudtrail:StopLogging', loc: { startLine: 12 } })
    expect(scp.targets.map((t) => [t.isRoot, t.loc.startLine])).toEqual([[true, 4], [true, 5], [false, 6]])
    expect(scp.targets[2]!.targetId.value).toBe('ou-ab12-34cd56ef')
    expect(model.policyDocuments).toHaveLength(1)
  })

  it('reads CloudFormation SCPs with a JSON string Content and TargetIds', () => {
    const text = `{
  "Resources": {
    "Guard": {
      "Type": "AWS::Organizations::Policy",
      "Properties": {
        "Name": "guard",
        "Type": "SERVICE_CONTROL_POLICY",
        "Content": { "Statement": { "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*" } },
        "TargetIds": ["@unknown(Org.RootId)", "ou-ab12-34cd56ef"]
      }
    },
    "Backup": { "Type": "AWS::Organizations::Policy", "Properties": { "Name": "b", "Type": "BACKUP_POLICY", "Content": {} } }
  }
}`
    const { model } = extract(cloudformationUnit(text))
    expect(model.organizations.scps).toHaveLength(1)
    const scp = model.organizations.scps[0]!
    expect(scp.meta.address).toBe('Guard')
    expect(scp.document.statements[0]!.actions![0]!.loc.startLine).toBe(8)
    expect(scp.targets.map((t) => [t.isRoot, t.loc.startLine])).toEqual([[true, 9], [false, 9]])
  })
})

describe('S3 buckets', () => {
  const tf = `{
  "resource": {
    "aws_s3_bucket_acl": { "logs": { "bucket": "@ref(aws_s3_bucket.logs.id)=org-logs", "acl": "log-delivery-write" } },
    "aws_s3_bucket_logging": { "logs": { "bucket": "org-logs", "target_bucket": "audit-logs" } },
    "aws_s3_bucket_public_access_block": { "logs": { "bucket": "@unknown(aws_s3_bucket.logs.id)", "block_public_acls": true, "block_public_policy": "@unknown(var.block)" } },
    "aws_s3_bucket_policy": {
      "logs": {
        "bucket": "@ref(aws_s3_bucket.logs.id)=org-logs",
        "policy": { "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }] }
      }
    },
    "aws_s3_bucket": {
      "logs": { "bucket": "org-logs" },
      "legacy": {
        "bucket": "legacy",
        "acl": "public-read",
        "logging": [{ "target_bucket": "org-logs" }],
        "policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"*\\"}]}"
      }
    },
    "aws_s3_account_public_access_block": { "account": { "block_public_acls": true, "ignore_public_acls": true } }
  }
}`

  it('joins Terraform acl, logging, policy and public access block resources to their bucket in any order', () => {
    const { model } = extract(terraformUnit(tf))
    const logs = model.s3.buckets.find((b) => b.name.value === 'org-logs')!
    expect(logs.acl).toMatchObject({ value: 'log-delivery-write', loc: { startLine: 3 } })
    expect(logs.loggingTarget).toMatchObject({ value: 'audit-logs', loc: { startLine: 4 } })
    expect(logs.publicAccessBlock).toMatchObject({
      meta: { address: 'aws_s3_bucket_public_access_block.logs' },
      blockPublicAcls: { value: true, loc: { startLine: 5 } },
      ignorePublicAcls: { value: false, explicit: false, loc: { startLine: 5 } },
      restrictPublicBuckets: { value: false, explicit: false },
    })
    expect(isUnknown(logs.publicAccessBlock!.blockPublicPolicy.value)).toBe(true)
    expect(logs.policy).toMatchObject({ service: 's3', target: { value: 'org-logs', loc: { startLine: 8 } }, targetRef: 'aws_s3_bucket.logs.id', meta: { address: 'aws_s3_bucket_policy.logs' } })
    expect(logs.policy!.document.statements[0]!.conditions[0]!.key).toMatchObject({ value: 'aws:SecureTransport', loc: { startLine: 9 } })
    expect(model.resourcePolicies).toContain(logs.policy)
  })

  it('reads the settings provider v3 wrote inline on the bucket', () => {
    const { model } = extract(terraformUnit(tf))
    const legacy = model.s3.buckets.find((b) => b.name.value === 'legacy')!
    expect(legacy.acl).toMatchObject({ value: 'public-read', loc: { startLine: lineOf(tf, 'public-read"') } })
    expect(legacy.loggingTarget).toMatchObject({ value: 'org-logs', loc: { startLine: lineOf(tf, '"logging"') } })
    expect(legacy.policy).toMatchObject({ service: 's3', target: { value: 'legacy' }, targetRef: 'aws_s3_bucket.legacy', meta: { address: 'aws_s3_bucket.legacy' } })
    expect(legacy.policy!.document.statements[0]!.principals).toMatchObject([{ type: '*' }])
    expect(legacy.publicAccessBlock).toBeUndefined()
  })

  it('puts the account-level public access block in its own list', () => {
    const { model } = extract(terraformUnit(tf))
    expect(model.s3.accountPublicAccessBlocks).toMatchObject([
      { meta: { address: 'aws_s3_account_public_access_block.account' }, blockPublicAcls: { value: true }, blockPublicPolicy: { value: false, explicit: false }, ignorePublicAcls: { value: true } },
    ])
  })

  it('reads CloudFormation buckets, their settings and a bucket policy declared before the bucket', () => {
    const text = `{
  "Resources": {
    "Policy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": "@unknown(Site)",
        "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "s3:GetObject", "Resource": "*" }] }
      }
    },
    "Site": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "AccessControl": "PublicRead",
        "LoggingConfiguration": { "DestinationBucketName": "audit" },
        "PublicAccessBlockConfiguration": {
          "BlockPublicAcls": false,
          "RestrictPublicBuckets": true
        }
      }
    },
    "Self": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "self", "LoggingConfiguration": {} } }
  }
}`
    const { model } = extract(cloudformationUnit(text))
    const [site, self] = model.s3.buckets
    expect(isUnknown(site!.name.value)).toBe(true)
    expect(site!.acl).toMatchObject({ value: 'PublicRead', loc: { startLine: 13 } })
    expect(site!.loggingTarget).toMatchObject({ value: 'audit', loc: { startLine: 14 } })
    expect(site!.publicAccessBlock).toMatchObject({
      meta: { address: 'Site', loc: { startLine: 15 } },
      blockPublicAcls: { value: false, explicit: true, loc: { startLine: 16 } },
      blockPublicPolicy: { value: false, explicit: false, loc: { startLine: 15 } },
      restrictPublicBuckets: { value: true, loc: { startLine: 17 } },
    })
    expect(site!.policy).toMatchObject({ service: 's3', targetRef: 'Site', meta: { address: 'Policy' } })
    expect(site!.policy!.document.statements[0]!.principals).toMatchObject([{ type: 'AWS', value: { value: '*', loc: { startLine: 7 } } }])
    expect(self!.loggingTarget).toMatchObject({ value: 'self', explicit: false, loc: { startLine: 21 } })
  })
})
