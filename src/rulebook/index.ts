import { builtinRules } from '../rules/index.js'
import { defaultConfiguration } from '../rules/run.js'
import type { Rulebook } from './types.js'

export type { Rulebook } from './types.js'

/** The rulebook used when an organization has none: every default-on rule, shipped params. */
export function defaultRulebook(): Rulebook {
  return { source: 'default', rules: defaultConfiguration(builtinRules), apply: (findings) => findings }
}
