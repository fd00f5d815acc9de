import type { AnyRule } from './types.js'
import { rules as iam } from './iam/index.js'
import { rules as scp } from './scp/index.js'
import { rules as apigw } from './apigw/index.js'
import { rules as lambda } from './lambda/index.js'
import { rules as vpce } from './vpce/index.js'
import { rules as trail } from './trail/index.js'
import { rules as config } from './config/index.js'
import { rules as monitoring } from './monitoring/index.js'
import { rules as secrets } from './secrets/index.js'
import { rules as resourcePolicy } from './resource-policy/index.js'
import { rules as s3 } from './s3/index.js'
import { rules as waf } from './waf/index.js'

/** Every built-in rule, by area. An area's index lists its rule files. */
export const builtinRules: AnyRule[] = [
  ...iam,
  ...scp,
  ...apigw,
  ...lambda,
  ...vpce,
  ...trail,
  ...config,
  ...monitoring,
  ...secrets,
  ...resourcePolicy,
  ...s3,
  ...waf,
]
