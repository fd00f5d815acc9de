import { conditionKey } from '../../iam/index.js'
import type { OidcProvider } from '../../model/aws.js'
import type { PrincipalEntry, Statement } from '../../model/policy.js'
import { knownSuffix } from '../../model/pattern.js'
import { isKnown, isUnknown, type Unknown } from '../../model/source.js'

/*
 * Web-identity and SAML federation in trust policies: which identity provider a Federated principal
 * names, and which token claims the statement's conditions pin down.
 */

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com'

export type ProviderKind = 'github' | 'cognito' | 'saml' | 'oidc'

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`. */
function issuerOfUrl(url: string): string {
  return url.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase()
}

/** The OIDC provider in the code an unknown Federated value refers to (`aws_iam_openid_connect_provider.gh.arn`, `GitHubOidc.Arn`). */
function providerByReference(ref: string, providers: readonly OidcProvider[]): OidcProvider | undefined {
  return providers.find((provider) => ref === provider.meta.address || ref.startsWith(`${provider.meta.address}.`))
}

/** The issuer a Federated principal names, when the source determines it. */
function federatedIssuer(principal: PrincipalEntry, providers: readonly OidcProvider[]): string | undefined {
  const value = principal.value
  if (isUnknown(value.value)) {
    const provider = value.value.ref ? providerByReference(value.value.ref, providers) : undefined
    if (provider && isKnown(provider.url)) return issuerOfUrl(provider.url.value)
    return issuerOfArnPattern(value.value)
  }
  const text = value.value.trim()
  const oidc = /:oidc-provider\/(.+)$/i.exec(text)
  if (oidc) return issuerOfUrl(oidc[1]!)
  if (/:saml-provider\//i.test(text)) return 'saml'
  return text.includes(':') ? undefined : issuerOfUrl(text)
}

/**
 * A provider ARN built from unknown parts (`arn:aws:iam::${var.account}:oidc-provider/token.actions.githubusercontent.com`,
 * `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/corp`): the issuer when the text after the
 * last unknown part names it whole, 'saml' when the known text names a SAML provider.
 */
function issuerOfArnPattern(value: Unknown): string | undefined {
  const oidc = /:oidc-provider\/(.+)$/i.exec(knownSuffix(value))
  if (oidc) return issuerOfUrl(oidc[1]!)
  return value.pattern !== undefined && /:saml-provider\//i.test(value.pattern) ? 'saml' : undefined
}

function kindOfIssuer(issuer: string): ProviderKind {
  if (issuer === GITHUB_ISSUER) return 'github'
  if (issuer === 'cognito-identity.amazonaws.com') return 'cognito'
  return issuer === 'saml' ? 'saml' : 'oidc'
}

function actionsMention(statement: Statement, action: string): boolean {
  return (statement.actions ?? []).some((a) => isKnown(a) && a.value.toLowerCase() === action)
}

/**
 * What kind of federation an Allow statement grants, or undefined when it has no Federated principal.
 * Condition keys and the action tell the kind when the principal itself is an unresolved reference.
 */
export function federationKind(statement: Statement, providers: readonly OidcProvider[]): ProviderKind | undefined {
  const federated = (statement.principals ?? []).filter((p) => p.type === 'Federated')
  if (federated.length === 0) return undefined
  for (const principal of federated) {
    const issuer = federatedIssuer(principal, providers)
    if (issuer) return kindOfIssuer(issuer)
  }
  const keys = statement.conditions.flatMap((c) => conditionKey(c) ?? [])
  if (keys.some((key) => key.startsWith(`${GITHUB_ISSUER}:`))) return 'github'
  if (keys.some((key) => key.startsWith('cognito-identity.amazonaws.com:'))) return 'cognito'
  if (keys.some((key) => key.startsWith('saml:')) || actionsMention(statement, 'sts:assumerolewithsaml')) return 'saml'
  return 'oidc'
}

/** Where a finding about a missing claim condition points: the Federated principal, else the statement. */
export function federatedAnchor(statement: Statement): { loc: Statement['loc'] } {
  return statement.principals?.find((p) => p.type === 'Federated')?.value ?? statement
}
