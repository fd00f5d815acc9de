import type { AnyRule } from '../types.js'
import trustPublic from './trust-public.js'
import trustCrossAccountNoExternalId from './trust-cross-account-no-external-id.js'
import trustUntrustedAccount from './trust-untrusted-account.js'
import oidcGithubUnrestricted from './oidc-github-unrestricted.js'
import oidcUnrestricted from './oidc-unrestricted.js'
import adminManagedPolicyAttached from './admin-managed-policy-attached.js'
import permissionsBoundaryMissing from './permissions-boundary-missing.js'
import userDirectPolicy from './user-direct-policy.js'
import userAccessKey from './user-access-key.js'
import passwordPolicyWeak from './password-policy-weak.js'
import fullAdmin from './full-admin.js'
import serviceWildcardAction from './service-wildcard-action.js'
import wildcardResourceWrite from './wildcard-resource-write.js'
import notActionAllow from './not-action-allow.js'
import notResourceAllow from './not-resource-allow.js'
import privilegeEscalation from './privilege-escalation.js'
import passroleUnrestricted from './passrole-unrestricted.js'
import credentialsExposure from './credentials-exposure.js'
import resourceExposure from './resource-exposure.js'
import dataExfiltration from './data-exfiltration.js'
import unknownAction from './unknown-action.js'
import invalidCondition from './invalid-condition.js'
import resourceMismatch from './resource-mismatch.js'
import invalidPolicy from './invalid-policy.js'
import redundantStatement from './redundant-statement.js'
import accessWidened from './access-widened.js'
import criticalActionGranted from './critical-action-granted.js'

export const rules: AnyRule[] = [
  fullAdmin,
  serviceWildcardAction,
  wildcardResourceWrite,
  notActionAllow,
  notResourceAllow,
  privilegeEscalation,
  passroleUnrestricted,
  credentialsExposure,
  resourceExposure,
  dataExfiltration,
  unknownAction,
  invalidCondition,
  resourceMismatch,
  invalidPolicy,
  redundantStatement,
  accessWidened,
  criticalActionGranted,
  trustPublic,
  trustCrossAccountNoExternalId,
  trustUntrustedAccount,
  oidcGithubUnrestricted,
  oidcUnrestricted,
  adminManagedPolicyAttached,
  permissionsBoundaryMissing,
  userDirectPolicy,
  userAccessKey,
  passwordPolicyWeak,
]
