import type { AnyRule } from '../types.js'
import bucketPublicOrUnlogged from './bucket-public-or-unlogged.js'
import globalEventsDisabled from './global-events-disabled.js'
import logValidationDisabled from './log-validation-disabled.js'
import loggingDisabled from './logging-disabled.js'
import noCloudwatchLogs from './no-cloudwatch-logs.js'
import noDataEvents from './no-data-events.js'
import notEncrypted from './not-encrypted.js'
import notMultiRegion from './not-multi-region.js'

export const rules: AnyRule[] = [
  notMultiRegion,
  logValidationDisabled,
  notEncrypted,
  noCloudwatchLogs,
  globalEventsDisabled,
  loggingDisabled,
  bucketPublicOrUnlogged,
  noDataEvents,
]
