import type { AnyRule } from '../types.js'
import apiAlarmsMissing from './api-alarms-missing.js'

export const rules: AnyRule[] = [apiAlarmsMissing]
