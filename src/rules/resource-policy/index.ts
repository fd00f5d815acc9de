import type { AnyRule } from '../types.js'
import publicResource from './public.js'
import crossAccountWildcardAction from './cross-account-wildcard-action.js'
import insecureTransport from './insecure-transport.js'
import notPrincipalAllow from './not-principal-allow.js'

export const rules: AnyRule[] = [
  publicResource,
  crossAccountWildcardAction,
  insecureTransport,
  notPrincipalAllow,
]
