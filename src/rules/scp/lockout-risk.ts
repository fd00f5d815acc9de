import type { Condition, Statement } from '../../model/policy.js'
import { conditionKey, conditionOperator, isDeny, isNegatedOperator, isPrincipalKey, isWholeServiceOrAll, isWildcardScope, nestedArnPatterns, resourceScope } from '../../iam/index.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'

interface Params {
  break_glass_principals: string[]
}

/** The statement element that makes a Deny broad: a `*` or whole-service Action entry, or NotAction (everything but a few). */
function broadElement(statement: Statement): { loc: Statement['loc'] } | undefined {
  const wide = statement.actions?.find((a) => isKnown(a) && isWholeServiceOrAll(a.value))
  if (wide) return wide
  return statement.notActions && statement.notActions.length > 0 ? statement.effect : undefined
}

/** SCP statements without Resource apply to every resource. */
function onEveryResource(statement: Statement): boolean {
  if (!statement.resources && !statement.notResources) return true
  return isWildcardScope(resourceScope(statement))
}

/** Does this condition exempt a break-glass principal? With no patterns configured, any principal exception does. */
function exemptsBreakGlass(condition: Condition, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true
  return condition.values.some((value) => !isKnown(value) || patterns.some((pattern) => nestedArnPatterns(value.value, pattern)))
}

/**
 * A broad Deny leaves a way back in when it is aimed at particular principals (a positive principal
 * condition), confined to some regions, or exempts a break-glass principal. A condition the source
 * does not determine might do any of these, so it counts.
 */
function leavesAWayIn(statement: Statement, patterns: readonly string[]): boolean {
  return statement.conditions.some((condition) => {
    const key = conditionKey(condition)
    const operator = conditionOperator(condition)
    if (key === undefined || operator?.base === undefined) return true
    if (key === 'aws:requestedregion') return true
    if (!isPrincipalKey(key)) return false
    return isNegatedOperator(operator.base) ? exemptsBreakGlass(condition, patterns) : true
  })
}

export default defineRule<Params>({
  id: 'scp/lockout-risk',
  severity: 'high',
  title: 'Broad SCP Deny without a break-glass exception',
  why: 'An SCP Deny of `*`, a whole service or NotAction applies to every principal of the target accounts, administrators included, and cannot be overridden from inside the account. Without an exception for a break-glass role, one mistake locks everyone out until the management account fixes it. Severity: high: a broad Deny without an exception can lock administrators out of every account it applies to.',
  fix: 'Add a condition such as `"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}` (matching the rulebook\'s break_glass_principals), or narrow the Deny to the actions and resources it is meant for.',
  links: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html'],
  params: {
    schema: {
      type: 'object',
      properties: { break_glass_principals: { type: 'array', items: { type: 'string' }, description: 'ARN patterns of break-glass principals; empty accepts any principal exception.' } },
      additionalProperties: false,
    },
    defaults: { break_glass_principals: [] },
  },
  check({ aws, params }, report) {
    for (const scp of aws.organizations.scps) {
      for (const statement of scp.document.statements) {
        if (!isDeny(statement) || !onEveryResource(statement) || leavesAWayIn(statement, params.break_glass_principals)) continue
        const broad = broadElement(statement)
        if (!broad) continue
        report({ at: broad, resource: scp.meta, message: 'Broad Deny with no exception for a break-glass principal: a mistake here locks out every principal of the target accounts', element: statementName(statement) })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_organizations_policy" "freeze" {
  name = "freeze"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = ["iam:*"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
`,
          lines: [7],
        },
        {
          code: `resource "aws_organizations_policy" "freeze" {
  name = "freeze"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/ops-*" } }
    }]
  })
}
`,
          lines: [7],
          params: { break_glass_principals: ['arn:aws:iam::*:role/BreakGlass'] },
        },
      ],
      good: [
        {
          code: `resource "aws_organizations_policy" "freeze" {
  name = "freeze"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/BreakGlass" } }
    }]
  })
}
`,
          params: { break_glass_principals: ['arn:aws:iam::*:role/BreakGlass'] },
        },
        {
          code: `resource "aws_organizations_policy" "deny_root" {
  name = "deny-root"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
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
  Freeze:
    Type: AWS::Organizations::Policy
    Properties:
      Name: freeze
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotAction:
              - support:*
            Resource: "*"
`,
          lines: [10],
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
              - sts:*
            Resource: "*"
            Condition:
              StringNotEquals:
                aws:RequestedRegion: eu-west-1
`,
        },
      ],
    },
  },
})
