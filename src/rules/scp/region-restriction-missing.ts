import { conditionsOn, isDeny } from '../../iam/index.js'
import { firstLine } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Params {
  allowed_regions: string[]
}

export default defineRule<Params>({
  id: 'scp/region-restriction-missing',
  severity: 'low',
  title: 'No SCP restricts the regions in use',
  why: 'When the organization only operates in some regions, a Deny on aws:RequestedRegion keeps resources (crypto miners, forgotten test stacks, data) out of regions nobody monitors. Severity: low: unused regions are a place to hide resources, but a missing restriction exposes nothing directly.',
  fix: 'Add an SCP statement that denies actions (except global services, via NotAction) when `aws:RequestedRegion` is not one of the allowed regions.',
  links: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region'],
  params: {
    schema: {
      type: 'object',
      properties: { allowed_regions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' }, description: 'Regions the organization operates in; empty turns the rule off.' } },
      additionalProperties: false,
    },
    defaults: { allowed_regions: [] },
  },
  check({ aws, params }, report) {
    const scps = aws.organizations.scps
    if (params.allowed_regions.length === 0 || scps.length === 0) return
    const restricted = scps.some((scp) => scp.document.unknown !== undefined || scp.document.statements.some((s) => isDeny(s) && conditionsOn(s, 'aws:RequestedRegion').length > 0))
    if (restricted) return
    const first = scps[0]!
    report({
      at: { loc: firstLine(first.meta.loc) },
      resource: first.meta,
      message: `No SCP denies requests outside the allowed regions (${params.allowed_regions.join(', ')}) with an aws:RequestedRegion condition`,
    })
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_organizations_policy" "baseline" {
  name    = "baseline"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}
`,
          lines: [1],
          params: { allowed_regions: ['eu-west-1', 'eu-central-1'] },
        },
      ],
      good: [
        {
          code: `resource "aws_organizations_policy" "regions" {
  name = "allowed-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
    }]
  })
}
`,
          params: { allowed_regions: ['eu-west-1', 'eu-central-1'] },
        },
        {
          code: `resource "aws_organizations_policy" "baseline" {
  name    = "baseline"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  Baseline:
    Type: AWS::Organizations::Policy
    Properties:
      Name: baseline
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: "*"
`,
          lines: [2],
          params: { allowed_regions: ['us-east-1'] },
        },
      ],
      good: [
        {
          code: `Resources:
  Regions:
    Type: AWS::Organizations::Policy
    Properties:
      Name: allowed-regions
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotAction:
              - iam:*
              - organizations:*
              - sts:*
            Resource: "*"
            Condition:
              StringNotEquals:
                aws:RequestedRegion: us-east-1
`,
          params: { allowed_regions: ['us-east-1'] },
        },
      ],
    },
  },
})
