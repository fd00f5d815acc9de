import { conditionKey, identityProviderOf, issuerOfUrl } from '../../iam/index.js'
import type { OidcProvider } from '../../model/aws.js'
import type { PrincipalEntry, Statement } from '../../model/policy.js'
import { isKnown, isUnknown } from '../../model/source.js'

/*
 * Web-identity and SAML federation in trust policies: which identity provider a Federated principal
 * names, and which token claims the statement's conditions pin down.
 */

export const GITHUB_ISSUER = 'token.actions.githubusercontent.com'

export type ProviderKind = 'github' | 'cognito' | 'saml' | 'oidc'

/** The OIDC provider in the code an unknown Federated value refers to (`aws_iam_openid_connect_provider.gh.arn`, `GitHubOidc.Arn`). */
function providerByReference(ref: string, providers: readonly OidcProvider[]): OidcProvider | undefined {
  return providers.find((provider) => ref === provider.meta.address || ref.startsWith(`${provider.meta.address}.`))
}

/** The issuer a Federated principal names, when the source determines it: a provider resource of the model it refers to tells it too. */
function federatedIssuer(principal: PrincipalEntry, providers: readonly OidcProvider[]): string | undefined {
  const value = principal.value.value
  const provider = isUnknown(value) && value.ref ? providerByReference(value.ref, providers) : undefined
  if (provider && isKnown(provider.url)) return issuerOfUrl(provider.url.value)
  return identityProviderOf(value)
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
