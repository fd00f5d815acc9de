import type { AnyRule } from '../types.js'
import apiKeyWithoutUsagePlan from './api-key-without-usage-plan.js'
import cacheUnencrypted from './cache-unencrypted.js'
import corsWildcardWithCredentials from './cors-wildcard-with-credentials.js'
import executionLoggingOff from './execution-logging-off.js'
import lambdaAuthorizerNoCacheOrIdentity from './lambda-authorizer-no-cache-or-identity.js'
import methodNoAuth from './method-no-auth.js'
import noResourcePolicy from './no-resource-policy.js'
import noWaf from './no-waf.js'
import outdatedTls from './outdated-tls.js'
import privateApiNoVpceCondition from './private-api-no-vpce-condition.js'
import resourcePolicyPublic from './resource-policy-public.js'
import routeNoAuth from './route-no-auth.js'
import stageDataTrace from './stage-data-trace.js'
import stageNoAccessLogs from './stage-no-access-logs.js'
import stageNoThrottling from './stage-no-throttling.js'
import stageNoTracing from './stage-no-tracing.js'
import usagePlanNoLimits from './usage-plan-no-limits.js'

export const rules: AnyRule[] = [
  methodNoAuth,
  routeNoAuth,
  apiKeyWithoutUsagePlan,
  usagePlanNoLimits,
  stageNoThrottling,
  stageNoAccessLogs,
  stageDataTrace,
  stageNoTracing,
  cacheUnencrypted,
  noWaf,
  noResourcePolicy,
  resourcePolicyPublic,
  privateApiNoVpceCondition,
  outdatedTls,
  lambdaAuthorizerNoCacheOrIdentity,
  corsWildcardWithCredentials,
  executionLoggingOff,
]
