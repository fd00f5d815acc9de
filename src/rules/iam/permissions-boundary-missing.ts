import type { IamRole, IamUser } from '../../model/aws.js'
import { globMatches } from '../../iam/index.js'
import { firstLine, isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'

interface Params {
  /** ARN pattern the boundary must match (`arn:aws:iam::*:policy/boundaries/*`); empty turns the rule off. */
  required_permissions_boundary: string
}

export default defineRule<Params>({
  id: 'iam/permissions-boundary-missing',
  severity: 'medium',
  title: 'Role or user without the required permissions boundary',
  why: 'Where teams may create their own roles, a permissions boundary is what stops a role from being given more than the team itself holds; a role created without it escapes delegation limits. Severity: medium: the boundary is an organization guardrail; without it the principal is limited only by its own policies.',
  fix: 'Set `permissions_boundary` (Terraform) or `PermissionsBoundary` (CloudFormation) to the organization\'s boundary policy. The rule is off until the rulebook sets required_permissions_boundary.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html'],
  params: {
    schema: {
      type: 'object',
      properties: { required_permissions_boundary: { type: 'string', description: 'ARN pattern (IAM wildcards) of the required boundary policy; empty turns the rule off.' } },
      additionalProperties: false,
    },
    defaults: { required_permissions_boundary: '' },
  },
  check({ aws, params }, report) {
    const required = params.required_permissions_boundary.trim()
    if (required === '') return
    const principals: [IamRole | IamUser, string][] = [...aws.iam.roles.map((r): [IamRole, string] => [r, 'Role']), ...aws.iam.users.map((u): [IamUser, string] => [u, 'User'])]
    for (const [principal, kind] of principals) {
      // A principal only named here (its attachments are in the scan, its declaration is not) has a boundary the scan cannot see.
      if (principal.declaredElsewhere) continue
      const boundary = principal.permissionsBoundary
      if (!boundary) {
        report({ at: { loc: firstLine(principal.meta.loc) }, resource: principal.meta, message: `${kind} has no permissions boundary; the rulebook requires ${required}`, element: 'PermissionsBoundary' })
      } else if (isKnown(boundary) && !globMatches(required, boundary.value, false)) {
        report({ at: boundary, resource: principal.meta, message: `Permissions boundary ${boundary.value} is not the required ${required}`, element: 'PermissionsBoundary' })
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`,
          lines: [1],
          params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' },
        },
        {
          code: `resource "aws_iam_role" "app" {
  name                 = "app"
  permissions_boundary = "arn:aws:iam::111122223333:policy/PowerUserBoundary"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`,
          lines: [3],
          params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' },
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role" "app" {
  name                 = "app"
  permissions_boundary = "arn:aws:iam::111122223333:policy/boundaries/team-app"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`,
          params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' },
        },
        {
          code: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
`,
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          code: `Resources:
  AppUser:
    Type: AWS::IAM::User
    Properties:
      UserName: app
`,
          lines: [2],
          params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' },
        },
      ],
      good: [
        {
          code: `Resources:
  AppUser:
    Type: AWS::IAM::User
    Properties:
      UserName: app
      PermissionsBoundary: !Sub arn:aws:iam::\${AWS::AccountId}:policy/boundaries/team-app
`,
          params: { required_permissions_boundary: 'arn:aws:iam::*:policy/boundaries/*' },
        },
      ],
    },
  },
})
