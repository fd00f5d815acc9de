import type { AnyRule } from '../types.js'
import publicAccessBlockMissing from './public-access-block-missing.js'

export const rules: AnyRule[] = [publicAccessBlockMissing]
