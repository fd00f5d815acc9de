import type { AnyRule } from '../types.js'
import openSecurityGroup from './open-security-group.js'
import policyFullAccess from './policy-full-access.js'
import policyNoOrgBoundary from './policy-no-org-boundary.js'
import privateDnsDisabled from './private-dns-disabled.js'
import requiredEndpointMissing from './required-endpoint-missing.js'

export const rules: AnyRule[] = [policyFullAccess, policyNoOrgBoundary, privateDnsDisabled, openSecurityGroup, requiredEndpointMissing]
