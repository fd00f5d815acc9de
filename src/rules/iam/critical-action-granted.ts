import { createPermissions, expandAction, hasWildcard, identityDocuments, isSelfScoped, listNames, statementName, type Grant } from '../../iam/index.js'
import { defineRule } from '../types.js'

interface Params {
  critical_actions: string[]
}

export default defineRule<Params>({
  id: 'iam/critical-action-granted',
  severity: 'high',
  title: 'Policy grants an action the organization reserves',
  why: 'Some actions should never be in an everyday policy: creating users and keys, leaving the organization, stopping the audit trail, scheduling key deletion. This is the offline counterpart of IAM Access Analyzer\'s CheckAccessNotGranted, with wildcards expanded against the AWS action catalog. Severity: high: the organization reserves these actions; granting them is a policy breach whatever the rest of the policy says.',
  fix: 'Remove the action (or the wildcard that expands to it); grant it to a break-glass role only, through a reviewed change.',
  links: ['https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html'],
  // One wide entry that reserves an action usually also reads data or opens policies: one comment, the rest as details.
  subsumes: { within: 'entry', rules: ['iam/data-exfiltration', 'iam/resource-exposure'] },
  params: {
    schema: { type: 'object', properties: { critical_actions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$' } } }, additionalProperties: false },
    defaults: {
      critical_actions: [
        'iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:DeleteRolePermissionsBoundary',
        'organizations:LeaveOrganization', 'organizations:DeleteOrganization',
        'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
        'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel',
        'guardduty:DeleteDetector', 'securityhub:DisableSecurityHub', 'kms:ScheduleKeyDeletion', 'kms:DisableKey',
        'ec2:DisableEbsEncryptionByDefault', 's3:PutAccountPublicAccessBlock',
      ],
    },
  },
  check({ aws, params }, report) {
    // A wildcard in the param names every catalog action it matches.
    const critical = params.critical_actions.flatMap((a) => (hasWildcard(a) ? expandAction(a).actions.map((x) => x.key) : [a]))
    for (const document of identityDocuments(aws)) {
      // Asked per critical action, so `*` is matched, never expanded into the whole catalog.
      const permissions = createPermissions([document])
      const byElement = new Map<object, { grant: Grant; actions: string[] }>()
      for (const action of critical) {
        // Granted only on resources the action acts on (`s3:*` on a bucket is not s3:PutAccountPublicAccessBlock), and not as self-management of the caller's own user.
        for (const grant of permissions.grantsFor(action)) {
          if (isSelfScoped(grant.resources)) continue
          const found = byElement.get(grant.element) ?? { grant, actions: [] }
          found.actions.push(action)
          byElement.set(grant.element, found)
        }
      }
      for (const { grant, actions } of byElement.values()) {
        const what = grant.pattern === undefined ? 'NotAction' : `"${grant.pattern}"`
        report({
          at: grant.element,
          resource: document.owner,
          element: `${statementName(grant.statement)}.${grant.pattern === undefined ? 'NotAction' : `Action[${grant.pattern}]`}`,
          message: `${what} grants critical action${actions.length > 1 ? 's' : ''} ${listNames(actions)}`,
        })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_policy" "audit_admin" {
  name = "audit-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudtrail:Describe*", "cloudtrail:Stop*"]
      Resource = "*"
    }]
  })
}
`,
          lines: [7],
        },
        {
          code: `resource "aws_iam_policy" "keys" {
  name = "keys"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt"]
      Resource = "*"
    }]
  })
}
`,
          params: { critical_actions: ['kms:Decrypt'] },
          lines: [7],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_policy" "media_bucket" {
  name = "media-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*"]
      Resource = ["arn:aws:s3:::media-uploads", "arn:aws:s3:::media-uploads/*"]
    }]
  })
}
`,
        },
        {
          code: `resource "aws_iam_policy" "audit_reader" {
  name = "audit-reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudtrail:Describe*", "cloudtrail:LookupEvents"]
      Resource = "*"
    }]
  })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  OrgPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: organizations:*
            Resource: "*"
`,
          lines: [9],
        },
      ],
      good: [
        {
          code: `Resources:
  OwnKeys:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - iam:CreateAccessKey
              - iam:CreateLoginProfile
              - iam:ListAccessKeys
            Resource: arn:aws:iam::*:user/\${aws:username}
`,
        },
        {
          code: `Resources:
  OrgPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: organizations:*
            Resource: "*"
          - Effect: Deny
            Action:
              - organizations:LeaveOrganization
              - organizations:DeleteOrganization
            Resource: "*"
`,
        },
      ],
    },
  },
})
