import { describe, expect, it } from 'vitest'
import type { ResourcePolicy } from '../../src/model/aws.js'
import { isUnknown } from '../../src/model/source.js'
import { cloudformationUnit, extract, lineOf, terraformUnit } from '../helpers/values.js'

const statement = (action: string) => `{ "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "${action}", "Resource": "*" }] }`

function summary(policies: ResourcePolicy[]) {
  return policies.map((p) => ({
    address: p.meta.address,
    service: p.service,
    target: isUnknown(p.target.value) ? '?' : p.target.value,
    targetRef: p.targetRef,
    action: p.document.statements[0]!.actions![0]!.value,
    actionLine: p.document.statements[0]!.actions![0]!.loc.startLine,
    kind: p.document.kind,
    documentService: p.document.service,
  }))
}

describe('Terraform resource policies', () => {
  const text = `{
  "resource": {
    "aws_sqs_queue": { "jobs": { "name": "jobs", "policy": ${statement('sqs:SendMessage')} } },
    "aws_sqs_queue_policy": { "jobs": { "queue_url": "@unknown(aws_sqs_queue.jobs.id)", "policy": ${statement('sqs:ReceiveMessage')} } },
    "aws_sns_topic": { "alerts": { "name": "alerts", "policy": ${statement('sns:Publish')} } },
    "aws_sns_topic_policy": { "alerts": { "arn": "@unknown(aws_sns_topic.alerts.arn)", "policy": ${statement('sns:Subscribe')} } },
    "aws_kms_key": { "main": { "policy": ${statement('kms:Decrypt')} } },
    "aws_kms_key_policy": { "main": { "key_id": "@unknown(aws_kms_key.main.id)", "policy": ${statement('kms:Encrypt')} } },
    "aws_ecr_repository_policy": { "app": { "repository": "app", "policy": ${statement('ecr:BatchGetImage')} } },
    "aws_secretsmanager_secret": { "db": { "name": "db", "policy": ${statement('secretsmanager:GetSecretValue')} } },
    "aws_secretsmanager_secret_policy": { "db": { "secret_arn": "@unknown(aws_secretsmanager_secret.db.arn)", "policy": ${statement('secretsmanager:DescribeSecret')} } },
    "aws_api_gateway_rest_api": { "api": { "name": "api", "policy": ${statement('execute-api:Invoke')} } },
    "aws_api_gateway_rest_api_policy": { "api": { "rest_api_id": "@unknown(aws_api_gateway_rest_api.api.id)", "policy": ${statement('execute-api:ManageConnections')} } },
    "aws_opensearch_domain": { "search": { "domain_name": "search", "access_policies": ${statement('es:ESHttpGet')} } },
    "aws_opensearch_domain_policy": { "search": { "domain_name": "search", "access_policies": ${statement('es:ESHttpPut')} } },
    "aws_elasticsearch_domain": { "legacy": { "domain_name": "legacy", "access_policies": ${statement('es:ESHttpHead')} } },
    "aws_elasticsearch_domain_policy": { "legacy": { "domain_name": "legacy", "access_policies": ${statement('es:ESHttpPost')} } },
    "aws_sqs_queue": { "plain": { "name": "plain" } }
  }
}`

  it('reads every policy as a resource document with its service, target, reference and lines', () => {
    const { model, diagnostics } = extract(terraformUnit(text))
    expect(diagnostics).toEqual([])
    const line = (action: string) => lineOf(text, `"${action}"`)
    expect(summary(model.resourcePolicies)).toEqual([
      { address: 'aws_sqs_queue.jobs', service: 'sqs', target: 'jobs', targetRef: 'aws_sqs_queue.jobs', action: 'sqs:SendMessage', actionLine: line('sqs:SendMessage') },
      { address: 'aws_sqs_queue_policy.jobs', service: 'sqs', target: '?', targetRef: 'aws_sqs_queue.jobs.id', action: 'sqs:ReceiveMessage', actionLine: line('sqs:ReceiveMessage') },
      { address: 'aws_sns_topic.alerts', service: 'sns', target: 'alerts', targetRef: 'aws_sns_topic.alerts', action: 'sns:Publish', actionLine: line('sns:Publish') },
      { address: 'aws_sns_topic_policy.alerts', service: 'sns', target: '?', targetRef: 'aws_sns_topic.alerts.arn', action: 'sns:Subscribe', actionLine: line('sns:Subscribe') },
      { address: 'aws_kms_key.main', service: 'kms', target: '?', targetRef: 'aws_kms_key.main', action: 'kms:Decrypt', actionLine: line('kms:Decrypt') },
      { address: 'aws_kms_key_policy.main', service: 'kms', target: '?', targetRef: 'aws_kms_key.main.id', action: 'kms:Encrypt', actionLine: line('kms:Encrypt') },
      { address: 'aws_ecr_repository_policy.app', service: 'ecr', target: 'app', targetRef: undefined, action: 'ecr:BatchGetImage', actionLine: line('ecr:BatchGetImage') },
      { address: 'aws_secretsmanager_secret.db', service: 'secretsmanager', target: 'db', targetRef: 'aws_secretsmanager_secret.db', action: 'secretsmanager:GetSecretValue', actionLine: line('secretsmanager:GetSecretValue') },
      { address: 'aws_secretsmanager_secret_policy.db', service: 'secretsmanager', target: '?', targetRef: 'aws_secretsmanager_secret.db.arn', action: 'secretsmanager:DescribeSecret', actionLine: line('secretsmanager:DescribeSecret') },
      { address: 'aws_api_gateway_rest_api.api', service: 'apigateway', target: 'api', targetRef: 'aws_api_gateway_rest_api.api', action: 'execute-api:Invoke', actionLine: line('execute-api:Invoke') },
      { address: 'aws_api_gateway_rest_api_policy.api', service: 'apigateway', target: '?', targetRef: 'aws_api_gateway_rest_api.api.id', action: 'execute-api:ManageConnections', actionLine: line('execute-api:ManageConnections') },
      { address: 'aws_opensearch_domain.search', service: 'es', target: 'search', targetRef: 'aws_opensearch_domain.search', action: 'es:ESHttpGet', actionLine: line('es:ESHttpGet') },
      { address: 'aws_opensearch_domain_policy.search', service: 'es', target: 'search', targetRef: undefined, action: 'es:ESHttpPut', actionLine: line('es:ESHttpPut') },
      { address: 'aws_elasticsearch_domain.legacy', service: 'es', target: 'legacy', targetRef: 'aws_elasticsearch_domain.legacy', action: 'es:ESHttpHead', actionLine: line('es:ESHttpHead') },
      { address: 'aws_elasticsearch_domain_policy.legacy', service: 'es', target: 'legacy', targetRef: undefined, action: 'es:ESHttpPost', actionLine: line('es:ESHttpPost') },
    ].map((expected) => ({ ...expected, kind: 'resource', documentService: expected.service })))
    expect(model.policyDocuments).toHaveLength(model.resourcePolicies.length)
  })
})

describe('CloudFormation resource policies', () => {
  const text = `{
  "Resources": {
    "QueuePolicy": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": ["@unknown(Jobs)", "https://sqs.example/other"], "PolicyDocument": ${statement('sqs:SendMessage')} } },
    "TopicPolicy": { "Type": "AWS::SNS::TopicPolicy", "Properties": { "Topics": ["@unknown(Alerts)"], "PolicyDocument": ${statement('sns:Publish')} } },
    "Key": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": ${statement('kms:Decrypt')} } },
    "Repo": { "Type": "AWS::ECR::Repository", "Properties": { "RepositoryName": "app", "RepositoryPolicyText": ${statement('ecr:BatchGetImage')} } },
    "SecretPolicy": { "Type": "AWS::SecretsManager::ResourcePolicy", "Properties": { "SecretId": "@unknown(Db)", "ResourcePolicy": ${statement('secretsmanager:GetSecretValue')} } },
    "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "api", "Policy": ${statement('execute-api:Invoke')} } },
    "Search": { "Type": "AWS::OpenSearchService::Domain", "Properties": { "AccessPolicies": ${statement('es:ESHttpGet')} } },
    "Legacy": { "Type": "AWS::Elasticsearch::Domain", "Properties": { "DomainName": "legacy", "AccessPolicies": ${statement('es:ESHttpPost')} } },
    "Quiet": { "Type": "AWS::KMS::Key", "Properties": {} }
  }
}`

  it('reads every policy, one per listed queue or topic, sharing one document', () => {
    const { model } = extract(cloudformationUnit(text))
    const line = (action: string) => lineOf(text, `"${action}"`)
    expect(summary(model.resourcePolicies)).toEqual([
      { address: 'QueuePolicy', service: 'sqs', target: '?', targetRef: 'Jobs', action: 'sqs:SendMessage', actionLine: line('sqs:SendMessage') },
      { address: 'QueuePolicy', service: 'sqs', target: 'https://sqs.example/other', targetRef: undefined, action: 'sqs:SendMessage', actionLine: line('sqs:SendMessage') },
      { address: 'TopicPolicy', service: 'sns', target: '?', targetRef: 'Alerts', action: 'sns:Publish', actionLine: line('sns:Publish') },
      { address: 'Key', service: 'kms', target: '?', targetRef: 'Key', action: 'kms:Decrypt', actionLine: line('kms:Decrypt') },
      { address: 'Repo', service: 'ecr', target: 'app', targetRef: 'Repo', action: 'ecr:BatchGetImage', actionLine: line('ecr:BatchGetImage') },
      { address: 'SecretPolicy', service: 'secretsmanager', target: '?', targetRef: 'Db', action: 'secretsmanager:GetSecretValue', actionLine: line('secretsmanager:GetSecretValue') },
      { address: 'Api', service: 'apigateway', target: 'api', targetRef: 'Api', action: 'execute-api:Invoke', actionLine: line('execute-api:Invoke') },
      { address: 'Search', service: 'es', target: '?', targetRef: 'Search', action: 'es:ESHttpGet', actionLine: line('es:ESHttpGet') },
      { address: 'Legacy', service: 'es', target: 'legacy', targetRef: 'Legacy', action: 'es:ESHttpPost', actionLine: line('es:ESHttpPost') },
    ].map((expected) => ({ ...expected, kind: 'resource', documentService: expected.service })))
    expect(model.resourcePolicies[0]!.document).toBe(model.resourcePolicies[1]!.document)
    expect(model.policyDocuments).toHaveLength(8)
  })
})
