import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { listItems } from '../identity.js'
import { addResourcePolicies, ownTarget, targetOf } from '../resource-policy.js'
import { metaOf } from '../values.js'

/*
 * Resource policies other than S3's (in s3.ts, where they join their bucket). Lambda permissions are
 * statements, not documents, and live with Lambda.
 */

/** A policy resource naming its targets in `targetKey`: one (SecretId) or a list (Queues, Topics). */
function separate(service: string, targetKey: string, policyKey: string): Handler {
  return (resource: RawResource, context: ExtractContext) => {
    const meta = metaOf(resource)
    const targets = listItems(field(resource.body, targetKey)).map((target) => targetOf(target, meta))
    addResourcePolicies(context, meta, service, field(resource.body, policyKey), targets)
  }
}

/** A policy written on the protected resource itself (KeyPolicy on AWS::KMS::Key), named by `nameKey` when it has a name. */
function own(service: string, nameKey: string | undefined, policyKey: string): Handler {
  return (resource: RawResource, context: ExtractContext) => {
    const meta = metaOf(resource)
    const name = nameKey ? field(resource.body, nameKey) : undefined
    addResourcePolicies(context, meta, service, field(resource.body, policyKey), [ownTarget(meta, name)])
  }
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::SQS::QueuePolicy': separate('sqs', 'Queues', 'PolicyDocument'),
  'AWS::SNS::TopicPolicy': separate('sns', 'Topics', 'PolicyDocument'),
  'AWS::KMS::Key': own('kms', undefined, 'KeyPolicy'),
  'AWS::KMS::ReplicaKey': own('kms', undefined, 'KeyPolicy'),
  'AWS::ECR::Repository': own('ecr', 'RepositoryName', 'RepositoryPolicyText'),
  'AWS::SecretsManager::ResourcePolicy': separate('secretsmanager', 'SecretId', 'ResourcePolicy'),
  'AWS::ApiGateway::RestApi': own('apigateway', 'Name', 'Policy'),
  'AWS::OpenSearchService::Domain': own('es', 'DomainName', 'AccessPolicies'),
  'AWS::Elasticsearch::Domain': own('es', 'DomainName', 'AccessPolicies'),
})
