import type { AnyRule } from '../types.js'
import functionUrlNoAuth from './function-url-no-auth.js'
import permissionUnscoped from './permission-unscoped.js'

export const rules: AnyRule[] = [permissionUnscoped, functionUrlNoAuth]
