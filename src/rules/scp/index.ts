import type { AnyRule } from '../types.js'
import invalidElement from './invalid-element.js'
import lockoutRisk from './lockout-risk.js'
import requiredGuardrailMissing from './required-guardrail-missing.js'
import regionRestrictionMissing from './region-restriction-missing.js'
import attachedToRoot from './attached-to-root.js'

export const rules: AnyRule[] = [
  invalidElement,
  lockoutRisk,
  requiredGuardrailMissing,
  regionRestrictionMissing,
  attachedToRoot,
]
