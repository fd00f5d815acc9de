import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { listItems } from '../identity.js'
import { addResourcePolicies, ownPolicyHandler, targetOf } from '../resource-policy.js'
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

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::SQS::QueuePolicy': separate('sqs', 'Queues', 'PolicyDocument'),
  'AWS::SNS::TopicPolicy': separate('sns', 'Topics', 'PolicyDocument'),
  'AWS::KMS::Key': ownPolicyHandler('kms', undefined, 'KeyPolicy'),
  'AWS::KMS::ReplicaKey': ownPolicyHandler('kms', undefined, 'KeyPolicy'),
  'AWS::ECR::Repository': ownPolicyHandler('ecr', 'RepositoryName', 'RepositoryPolicyText'),
  'AWS::SecretsManager::ResourcePolicy': separate('secretsmanager', 'SecretId', 'ResourcePolicy'),
  'AWS::ApiGateway::RestApi': ownPolicyHandler('apigateway', 'Name', 'Policy'),
  'AWS::OpenSearchService::Domain': ownPolicyHandler('es', 'DomainName', 'AccessPolicies'),
  'AWS::Elasticsearch::Domain': ownPolicyHandler('es', 'DomainName', 'AccessPolicies'),
})
