import type { AnyRule } from '../types.js'
import defaultAllowNoRules from './default-allow-no-rules.js'
import loggingDisabled from './logging-disabled.js'
import noManagedRules from './no-managed-rules.js'

export const rules: AnyRule[] = [noManagedRules, defaultAllowNoRules, loggingDisabled]
