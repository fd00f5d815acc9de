import type { AwsModel, IamRole } from '../../model/aws.js'
import type { Condition, Statement } from '../../model/policy.js'
import { conditionOperator, conditionsOn, effectivePermissions, hasAccessLevel, isAllow, isNegatedOperator, narrowingConditions, principalPolicies, trustPolicies, type AccessLevel } from '../../iam/index.js'
import { isKnown, type Attr } from '../../model/source.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'
import { federatedAnchor, federationKind, type ProviderKind } from '../shared/federation.js'

const COGNITO_AUD = 'cognito-identity.amazonaws.com:aud'
const COGNITO_AMR = 'cognito-identity.amazonaws.com:amr'
const WRITE_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management']

// Claims that name the audience (the app / client / identity pool) or the subject of a token.
const OIDC_CLAIMS = ['aud', 'sub', 'azp', 'oaud', 'app_id', 'id', 'user_id']
const SAML_CLAIMS = ['saml:aud', 'saml:sub']

function pinsToken(statement: Statement, kind: Exclude<ProviderKind, 'github'>): boolean {
  const test =
    kind === 'cognito' ? (key: string) => key === COGNITO_AUD
    : kind === 'saml' ? (key: string) => SAML_CLAIMS.includes(key)
    : (key: string) => !key.startsWith('aws:') && !key.startsWith('saml:') && OIDC_CLAIMS.includes(key.slice(key.lastIndexOf(':') + 1))
  return narrowingConditions(statement, test).length > 0
}

const MISSING: Record<Exclude<ProviderKind, 'github'>, string> = {
  cognito: `No \`${COGNITO_AUD}\` condition: identities of any Cognito identity pool, in any account, can assume this role`,
  saml: 'No SAML:aud or SAML:sub condition: any assertion the identity provider issues can assume this role',
  oidc: 'No audience or subject condition on the token: any identity the provider issues tokens to can assume this role',
}

/** Write or permissions-management actions the role's policies in the code grant, a few for the message. */
function writeActions(aws: AwsModel, role: IamRole): string[] {
  const policies = principalPolicies(aws).find((p) => p.kind === 'role' && p.meta.address === role.meta.address)
  if (!policies) return []
  const granted = [...effectivePermissions(aws, policies).allowedActions().values()]
  return granted.filter(({ action }) => hasAccessLevel(action, WRITE_LEVELS)).map(({ action }) => action.key)
}

function summary(actions: string[]): string {
  return actions.length > 3 ? `${actions.slice(0, 3).join(', ')} and ${actions.length - 3} more` : actions.join(', ')
}

/** A known operator that is not negated: a listed value is one the request may carry. */
function admitsListedValues(condition: Condition): boolean {
  const base = conditionOperator(condition)?.base
  return base !== undefined && !isNegatedOperator(base)
}

/** `cognito-identity.amazonaws.com:amr` = `unauthenticated`: the statement admits guest identities (a negated operator keeps them out). */
function unauthenticatedValue(statement: Statement): Attr<string> | undefined {
  return conditionsOn(statement, COGNITO_AMR)
    .filter(admitsListedValues)
    .flatMap((c) => c.values)
    .find((v) => isKnown(v) && v.value.toLowerCase() === 'unauthenticated')
}

export default defineRule({
  id: 'iam/oidc-unrestricted',
  severity: 'high',
  title: 'Web-identity or SAML trust without audience or subject conditions',
  why: 'A role federated to an identity provider (Cognito, Google, an EKS cluster, any OIDC or SAML provider) trusts every token that provider issues unless the trust policy pins the audience or subject. Cognito guest (unauthenticated) identities are anyone on the internet: a role they get must not write. Severity: high: any identity of the provider may assume the role; for a provider shared by many tenants that is anyone.',
  fix: 'Add a condition on `<provider>:aud` (the client or identity-pool ID) and, where it applies, `<provider>:sub`; for SAML, `SAML:aud`. Give the unauthenticated Cognito role read-only access to the few resources guests need.',
  links: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
  ],
  check({ aws }, report) {
    for (const { document, resource } of trustPolicies(aws)) {
      for (const statement of document.statements) {
        const kind = isAllow(statement) ? federationKind(statement, aws.iam.oidcProviders) : undefined
        if (!kind || kind === 'github' || pinsToken(statement, kind)) continue
        report({ at: federatedAnchor(statement), resource, message: MISSING[kind], element: `${statementName(statement)}.Condition` })
      }
    }
    const reportedRoles = new Set<IamRole>()
    for (const pool of aws.iam.identityPools) {
      const role = pool.unauthenticatedRole
      if (pool.allowUnauthenticated.value !== true || !role) continue
      const writes = writeActions(aws, role)
      if (writes.length === 0) continue
      reportedRoles.add(role)
      report({ at: pool.allowUnauthenticated, resource: pool.meta, message: `Unauthenticated identities get role ${role.meta.address}, which can write: ${summary(writes)}`, element: 'AllowUnauthenticatedIdentities' })
    }
    for (const role of aws.iam.roles) {
      if (reportedRoles.has(role)) continue
      const guest = role.trust?.statements.filter(isAllow).map(unauthenticatedValue).find((v) => v !== undefined)
      if (!guest) continue
      const writes = writeActions(aws, role)
      if (writes.length > 0) report({ at: guest, resource: role.meta, message: `Unauthenticated Cognito identities can assume this role, which can write: ${summary(writes)}`, element: 'Condition[amr=unauthenticated]' })
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          code: `resource "aws_iam_role" "irsa" {
  name = "app-irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C8D1E0A7F3B" }
    }]
  })
}
`,
          lines: [8],
        },
        {
          code: `resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = true
}

resource "aws_iam_role" "guest" {
  name = "app-guest"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.app.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "unauthenticated" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "guest" {
  role = aws_iam_role.guest.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::app-uploads/*" }]
  })
}

resource "aws_cognito_identity_pool_roles_attachment" "app" {
  identity_pool_id = aws_cognito_identity_pool.app.id
  roles = {
    unauthenticated = aws_iam_role.guest.arn
  }
}
`,
          lines: [3],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_role" "irsa" {
  name = "app-irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C8D1E0A7F3B" }
      Condition = {
        StringEquals = { "oidc.eks.eu-west-1.amazonaws.com/id/5C8D1E0A7F3B:sub" = "system:serviceaccount:app:api" }
      }
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
  SsoRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithSAML
            Principal:
              Federated: arn:aws:iam::111122223333:saml-provider/corp-idp
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  SsoRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithSAML
            Principal:
              Federated: arn:aws:iam::111122223333:saml-provider/corp-idp
            Condition:
              StringEquals:
                SAML:aud: https://signin.aws.amazon.com/saml
`,
        },
      ],
    },
  },
})
