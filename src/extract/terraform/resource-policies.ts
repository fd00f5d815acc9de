import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { addResourcePolicies, ownPolicyHandler, targetOf } from '../resource-policy.js'
import { metaOf } from '../values.js'

/*
 * Resource policies other than S3's (in s3.ts, where they join their bucket). Lambda permissions are
 * statements, not documents, and live with Lambda.
 */

/** A policy resource naming its target in `targetKey` (aws_sqs_queue_policy.queue_url). */
function separate(service: string, targetKey: string, policyKey = 'policy'): Handler {
  return (resource: RawResource, context: ExtractContext) => {
    const meta = metaOf(resource)
    addResourcePolicies(context, meta, service, field(resource.body, policyKey), [targetOf(field(resource.body, targetKey), meta)])
  }
}

/** A policy written on the protected resource itself (aws_sqs_queue.policy). */
function own(service: string, nameKey: string | undefined, policyKey = 'policy'): Handler {
  return ownPolicyHandler(service, nameKey, policyKey)
}

export const handlers: Record<string, Handler> = {
  aws_sqs_queue: own('sqs', 'name'),
  aws_sqs_queue_policy: separate('sqs', 'queue_url'),
  aws_sns_topic: own('sns', 'name'),
  aws_sns_topic_policy: separate('sns', 'arn'),
  aws_kms_key: own('kms', undefined),
  aws_kms_key_policy: separate('kms', 'key_id'),
  aws_ecr_repository_policy: separate('ecr', 'repository'),
  aws_secretsmanager_secret: own('secretsmanager', 'name'),
  aws_secretsmanager_secret_policy: separate('secretsmanager', 'secret_arn'),
  aws_api_gateway_rest_api: own('apigateway', 'name'),
  aws_api_gateway_rest_api_policy: separate('apigateway', 'rest_api_id'),
  aws_opensearch_domain: own('es', 'domain_name', 'access_policies'),
  aws_opensearch_domain_policy: separate('es', 'domain_name', 'access_policies'),
  aws_elasticsearch_domain: own('es', 'domain_name', 'access_policies'),
  aws_elasticsearch_domain_policy: separate('es', 'domain_name', 'access_policies'),
}
