import type { Scp } from '../../model/aws.js'
import type { Statement } from '../../model/policy.js'
import { conditionKey, conditionOperator, expandAction, hasWildcard, isDeny, isNegatedOperator, isPrincipalKey, matchAction, nestedArnPatterns } from '../../iam/index.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

/** An action pattern every principal must be denied, or one denied to the principals an ARN pattern names (the root user). */
type Guardrail = string | { action: string; principal: string }

interface Params {
  required_scp_guardrails: Guardrail[]
}

/**
 * Does the Deny reach the guardrail's principals? Without a principal in the guardrail, the Deny must
 * not be aimed at particular principals (exceptions are fine); with one, an aws:PrincipalArn condition
 * must name it and no exception may match it. Unknown keys, operators and values get the benefit of the doubt.
 */
function reaches(statement: Statement, principal: string | undefined): boolean {
  return statement.conditions.every((condition) => {
    const key = conditionKey(condition)
    const operator = conditionOperator(condition)
    if (key === undefined || operator?.base === undefined || !isPrincipalKey(key)) return true
    const negated = isNegatedOperator(operator.base)
    if (principal === undefined) return negated
    if (key !== 'aws:principalarn') return true
    const matching = condition.values.filter((v) => !isKnown(v) || nestedArnPatterns(v.value, principal))
    return negated ? matching.every((v) => !isKnown(v)) : matching.length > 0
  })
}

function denied(scps: Scp[], actionKey: string, principal: string | undefined): boolean {
  return scps.some((scp) =>
    scp.document.statements.some((statement) => isDeny(statement) && matchAction(statement, actionKey) !== undefined && reaches(statement, principal)),
  )
}

/** The catalog actions a guardrail pattern stands for that no SCP denies; a pattern the catalog does not know is checked as written. */
function undenied(scps: Scp[], guardrail: Guardrail): string[] {
  const { action, principal } = typeof guardrail === 'string' ? { action: guardrail, principal: undefined } : guardrail
  const expanded = expandAction(action).actions.map((a) => a.key)
  const keys = expanded.length > 0 || hasWildcard(action) ? expanded : [action]
  return keys.filter((key) => !denied(scps, key, principal))
}

function describe(guardrail: Guardrail): string {
  return typeof guardrail === 'string' ? guardrail : `${guardrail.action} for ${guardrail.principal}`
}

export default defineRule<Params>({
  id: 'scp/required-guardrail-missing',
  severity: 'high',
  title: 'Required SCP guardrail missing',
  why: 'Guardrails such as "nobody stops CloudTrail", "no account leaves the organization" or "the root user gets no access keys" only hold when an SCP denies them; an identity policy inside the account can always be changed by an administrator of that account. Severity: high: a guardrail the organization requires is absent, so member accounts can do what it forbids.',
  fix: 'Add Deny statements for the listed actions to an SCP (a pattern such as `config:Delete*` must be denied in full: deny the pattern itself). Set the rulebook\'s required_scp_guardrails to the organization\'s own list. The rule runs when the scanned code holds at least one SCP.',
  links: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html'],
  params: {
    schema: {
      type: 'object',
      properties: {
        required_scp_guardrails: {
          type: 'array',
          items: {
            oneOf: [
              { type: 'string', description: 'An action or action pattern every principal must be denied.' },
              {
                type: 'object',
                properties: { action: { type: 'string' }, principal: { type: 'string', description: 'ARN pattern of the principals it must be denied to.' } },
                required: ['action', 'principal'],
                additionalProperties: false,
              },
            ],
          },
        },
      },
      additionalProperties: false,
    },
    defaults: {
      required_scp_guardrails: [
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'cloudtrail:UpdateTrail',
        'organizations:LeaveOrganization',
        'config:Stop*',
        'config:Delete*',
        { action: 'iam:CreateAccessKey', principal: 'arn:aws:iam::*:root' },
      ],
    },
  },
  check({ aws, params }, report) {
    const scps = aws.organizations.scps
    // A repository without SCPs is not where the organization keeps them; an SCP we cannot read might hold the guardrail.
    if (scps.length === 0 || scps.some((scp) => scp.document.unknown)) return
    const first = scps[0]!
    for (const guardrail of params.required_scp_guardrails) {
      const missing = undenied(scps, guardrail)
      if (missing.length === 0) continue
      const detail = typeof guardrail !== 'string' || hasWildcard(guardrail) ? ` (not denied: ${missing.join(', ')})` : ''
      report({ at: { loc: firstLine(first.meta.loc) }, resource: first.meta, message: `No SCP denies ${describe(guardrail)}${detail}`, element: `Guardrail[${describe(guardrail)}]` })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
      Resource = "*"
    }]
  })
}
`,
          lines: [1],
          params: { required_scp_guardrails: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'organizations:LeaveOrganization'] },
        },
      ],
      good: [
        {
          code: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Action    = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "organizations:LeaveOrganization", "config:Stop*", "config:Delete*"]
        Resource  = "*"
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/BreakGlass" } }
      },
      {
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
      },
    ]
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
  Guardrails:
    Type: AWS::Organizations::Policy
    Properties:
      Name: guardrails
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: iam:CreateAccessKey
            Resource: "*"
            Condition:
              ArnNotLike:
                aws:PrincipalArn: arn:aws:iam::*:root
`,
          lines: [2],
          params: { required_scp_guardrails: [{ action: 'iam:CreateAccessKey', principal: 'arn:aws:iam::*:root' }] },
        },
      ],
      good: [
        {
          code: `Resources:
  Guardrails:
    Type: AWS::Organizations::Policy
    Properties:
      Name: guardrails
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action:
              - cloudtrail:StopLogging
              - cloudtrail:DeleteTrail
              - cloudtrail:UpdateTrail
              - organizations:LeaveOrganization
              - config:*
            Resource: "*"
          - Effect: Deny
            Action: iam:CreateAccessKey
            Resource: "*"
            Condition:
              StringLike:
                aws:PrincipalArn: arn:aws:iam::*:root
`,
        },
      ],
    },
  },
})
