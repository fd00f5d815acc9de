import type { AnyRule } from '../types.js'
import logValidationDisabled from './log-validation-disabled.js'

export const rules: AnyRule[] = [logValidationDisabled]
