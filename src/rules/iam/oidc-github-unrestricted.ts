import { conditionOperator, confiningConditions, isAllow, narrowingConditions, takesWildcards, trustPolicies } from '../../iam/index.js'
import type { Condition } from '../../model/policy.js'
import { isKnown } from '../../model/source.js'
import { defineRule } from '../types.js'
import { statementName } from '../shared/elements.js'
import { GITHUB_ISSUER, federatedAnchor, federationKind } from '../shared/federation.js'

const SUB = `${GITHUB_ISSUER}:sub`
const AUD = `${GITHUB_ISSUER}:aud`

/**
 * A sub pattern that matches more than one repository: `*`, `repo:*`, `repo:org/*`, `repo:org/app-*:…`.
 * Wildcards only mean something under an operator that takes them; after `repo:owner/name:` they only narrow refs.
 */
function widerThanOneRepository(pattern: string): boolean {
  const repo = /^repo:([^:]*)/i.exec(pattern)
  if (repo) return /[*?]/.test(repo[1]!)
  return /^[*?]/.test(pattern)
}

function wideSubValues(condition: Condition): Condition['values'] {
  const base = conditionOperator(condition)?.base
  if (!isKnown(condition.key) || base === undefined || !takesWildcards(base)) return []
  return condition.values.filter((value) => isKnown(value) && widerThanOneRepository(value.value.trim()))
}

export default defineRule({
  id: 'iam/oidc-github-unrestricted',
  severity: 'critical',
  title: 'GitHub Actions OIDC trust not pinned to one repository',
  why: 'Every GitHub Actions workflow in the world can get a token from token.actions.githubusercontent.com. Without a `sub` condition naming one repository (and the `aud` condition), a workflow in any repository — anyone\'s — can assume the role. Severity: critical: any GitHub repository, anyone’s, can assume the role from its workflows.',
  fix: 'Add `StringEquals` (or `StringLike`) on `token.actions.githubusercontent.com:sub` with `repo:<owner>/<repo>:…` (one repository; wildcards only after it, e.g. `repo:acme/app:ref:refs/heads/main` or `repo:acme/app:*`) and `StringEquals` on `token.actions.githubusercontent.com:aud` = `sts.amazonaws.com`.',
  links: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  ],
  check({ aws }, report) {
    for (const { document, resource } of trustPolicies(aws)) {
      for (const statement of document.statements) {
        if (!isAllow(statement) || federationKind(statement, aws.iam.oidcProviders) !== 'github') continue
        // A `*` sub is reported as a pattern at its value, so every confining sub condition counts here.
        const subject = confiningConditions(statement, (key) => key === SUB)
        if (subject.length === 0) {
          report({ at: federatedAnchor(statement), resource, message: `No \`${SUB}\` condition: a workflow in any GitHub repository can assume this role`, element: `${statementName(statement)}.Condition[sub]` })
        } else {
          reportWideSubjects(subject, (value) =>
            report({ at: value, resource, message: `Subject pattern \`${isKnown(value) ? value.value : ''}\` matches more than one repository`, element: `${statementName(statement)}.Condition[sub=${isKnown(value) ? value.value : ''}]` }),
          )
        }
        if (narrowingConditions(statement, (key) => key === AUD).length === 0) {
          report({ at: federatedAnchor(statement), resource, message: `No \`${AUD}\` condition: require the audience \`sts.amazonaws.com\``, element: `${statementName(statement)}.Condition[aud]` })
        }
      }
    }
  },
  examples: {
    terraform: {
      bad: [
        {
          // A trust policy a module writes for its caller's role: judged where it is written.
          code: `data "aws_iam_policy_document" "github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}
`,
          lines: [6],
        },
        {
          code: `resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
      }
    }]
  })
}
`,
          lines: [13],
        },
        {
          code: `data "aws_iam_policy_document" "github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/*"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "github-deploy"
  assume_role_policy = data.aws_iam_policy_document.github_trust.json
}
`,
          lines: [6, 11],
        },
        {
          code: `variable "account_id" {
  type = string
}

resource "aws_iam_role" "deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/token.actions.githubusercontent.com" }
    }]
  })
}
`,
          lines: [12],
        },
      ],
      good: [
        {
          code: `resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "deploy" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main" }
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
  GitHubDeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: "*"
`,
          lines: [16],
        },
        {
          code: `Resources:
  GitHubDeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com
`,
          lines: [11],
        },
      ],
      good: [
        {
          code: `Resources:
  GitHubDeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: repo:acme/app:*
`,
        },
      ],
    },
  },
})

/** Sub conditions are ANDed: one that pins a single repository makes the others harmless. */
function reportWideSubjects(subject: Condition[], reportValue: (value: Condition['values'][number]) => void) {
  const wideByCondition = subject.map(wideSubValues)
  if (wideByCondition.some((wide) => wide.length === 0)) return
  for (const wide of wideByCondition) for (const value of wide) reportValue(value)
}
