/*
 * IAM semantics, offline: the AWS action catalog, wildcard expansion, resource matching, effective
 * permissions of principals, escalation methods, permission deltas and policy validation.
 * Every rule about IAM uses this module; none re-implements matching.
 */
export { catalog, iamDataVersion, type AccessLevel, type Catalog, type CatalogAction, type CatalogConditionKey, type CatalogResourceType } from './catalog/catalog.js'
export { resolveIamDataRoot } from './catalog/data-root.js'
export { actionMatches, expandAction, hasAccessLevel, isAllActions, isWholeServiceOrAll, serviceOfPattern, MUTATING_LEVELS, type ActionExpansion } from './actions.js'
export { globCovers, globMatches, globsIntersect, hasWildcard } from './glob.js'
export {
  effectOf, isAllow, isAllResources, isConditional, isDeny, isSelfScoped, isWildcardScope, knownValues, matchAction, reachesOtherUsers, resourceScope, scopeCovers,
  type ActionMatch, type Effect, type ResourceScope,
} from './statement.js'
export { createPermissions, type Grant, type Limits, type Permissions } from './permissions.js'
export { documentFromJson } from './json-document.js'
export { awsManagedPoliciesVersion, awsManagedPolicy, awsManagedPolicyName, awsManagedPolicyNames, type ManagedPolicyJson } from './aws-managed-policies.js'
export { awsManagedDocument, effectivePermissions, everyPrincipal, principalPolicies, standaloneIdentityDocuments, type PrincipalPolicies } from './principals.js'
export { ESCALATION_METHODS, type EscalationMethod } from './escalation/methods.js'
export { escalationPaths, type EscalationPath, type Reach } from './escalation/detect.js'
export { permissionDelta, describeDelta, type AccessDelta, type NewAccess } from './delta.js'
export { accountOfArnValue, actionAppliesToResource, coversEveryResource, isMalformedArn, nestedArnPatterns } from './arn.js'
export {
  accountOfPrincipalText, accountOfPrincipalValue, foreignPrincipals, hasWildcardAccount, identityProviderOf, isAnyone, isWildcardPrincipalArn, isForeignAccount, isPublicPrincipal, isServicePrincipalName,
  issuerOfUrl, ownAccounts, principalAccount, type ForeignPrincipal,
} from './principal-values.js'
export {
  confinesToValues, isMultiValued, isNegatedOperator, lookupConditionKey, matchesEveryValue, operatorFitsType, parseOperator, takesWildcards,
  type KeyLookup, type ParsedOperator,
} from './conditions.js'
export { CALLER_KEYS, conditionKey, conditionOperator, conditionsOn, confiningConditions, isPrincipalKey, narrowingConditions, resourceScopingConditions } from './confining.js'
export { grammarIssues, sizeLimitOf, SIZE_LIMITS, type PolicyIssue } from './validate/grammar.js'
export { allowStatements, entryName, grantingDocuments, identityDocuments, statementName, trustPolicies } from './documents.js'
export { BULK_READ_ACTIONS, CREDENTIAL_ACTIONS, rewritesResourceAccess, type CredentialAction } from './risky-actions.js'
export { entryGrants, listNames, type EntryGrant } from './entry-grants.js'
export { suggestAction } from './suggest.js'
export { conditionProblems } from './validate/conditions.js'
export { redundancies, type Redundancy } from './redundancy.js'
export {
  allowCanApply, ANY_REQUEST, conditionTruth, conditionsTruth, contextOf, denySurelyApplies, outsiderContext, type KeyKnowledge, type RequestContext, type Truth,
} from './condition-truth.js'
export { outsiderAllowed, publicStatements } from './public-access.js'
