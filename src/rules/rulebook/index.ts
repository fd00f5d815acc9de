import type { AnyRule } from '../types.js'
import foreignSuppression from './foreign-suppression.js'
import modifiedInChange from './modified-in-change.js'
import waiverExpired from './waiver-expired.js'
import waiverNoReason from './waiver-no-reason.js'

/**
 * Governance of the rulebook itself. These rules have no model check: the rulebook stage and the
 * pull-request comparison report them, so they are kept out of `builtinRules` (whose examples run
 * through rule checks alone) and tested with the rulebook in test/rulebook/.
 */
export const governanceRules: AnyRule[] = [modifiedInChange, waiverExpired, waiverNoReason, foreignSuppression]
