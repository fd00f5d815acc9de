import type { AnyRule } from '../types.js'
import recorderIncomplete from './recorder-incomplete.js'

export const rules: AnyRule[] = [recorderIncomplete]
