import { mergeHandlers, type Handler } from '../context.js'
import { handlers as iam } from './iam.js'
import { handlers as identityCenter } from './identity-center.js'
import { handlers as organizations } from './organizations.js'
import { handlers as s3 } from './s3.js'
import { handlers as lambda } from './lambda.js'
import { handlers as secrets } from './secrets.js'
import { handlers as resourcePolicies } from './resource-policies.js'
import { handlers as apigateway } from './apigateway.js'
import { handlers as ec2 } from './ec2.js'
import { handlers as cloudtrail } from './cloudtrail.js'
import { handlers as config } from './config.js'
import { handlers as cloudwatch } from './cloudwatch.js'
import { handlers as wafv2 } from './wafv2.js'

/** Every terraform resource type this tool understands, with the extractors that map it (a type may feed several services). */
export const terraformHandlers: Map<string, Handler[]> = mergeHandlers([
  iam,
  identityCenter,
  organizations,
  s3,
  lambda,
  secrets,
  resourcePolicies,
  apigateway,
  ec2,
  cloudtrail,
  config,
  cloudwatch,
  wafv2,
])
