import type { Secret, SsmParameter } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { addCredential, addEnvironment, addUserData, userDataOf, variablesOfContainers, variablesOfMap } from '../secret-sources.js'
import { items, knownValue, metaOf, optionalString, path, stringOr } from '../values.js'

const secret: Handler = (resource, context) => {
  const model: Secret = { meta: metaOf(resource), name: stringOr(resource, 'Name', '') }
  context.model.secrets.secrets.push(model)
  context.register('secret', resource.address, model, [knownValue(model.name)])
  // GenerateSecretString makes Secrets Manager create the value: only a literal SecretString is written down.
  addCredential(context, model.meta, path(resource.body, 'SecretString'), 'secret string')
}

const rotationSchedule: Handler = (resource, context) => {
  context.afterAll(() => {
    const target = context.lookup<Secret>('secret', path(resource.body, 'SecretId'))
    if (target) target.rotation = { loc: resource.loc, enabled: attr(true, firstLine(resource.loc), false) }
  })
}

const ssmParameter: Handler = (resource, context) => {
  const model: SsmParameter = {
    meta: metaOf(resource),
    name: stringOr(resource, 'Name', ''),
    type: stringOr(resource, 'Type', 'String'),
    value: optionalString(resource, 'Value'),
  }
  context.model.secrets.ssmParameters.push(model)
}

/** Properties that hold a secret, by resource type: [path in Properties, what it is]. */
const CREDENTIAL_PROPERTIES: Record<string, [string, string][]> = {
  'AWS::RDS::DBInstance': [['MasterUserPassword', 'database master password']],
  'AWS::RDS::DBCluster': [['MasterUserPassword', 'database master password']],
  'AWS::DocDB::DBCluster': [['MasterUserPassword', 'database master password']],
  'AWS::Redshift::Cluster': [['MasterUserPassword', 'database master password']],
  'AWS::DirectoryService::MicrosoftAD': [['Password', 'directory administrator password']],
  'AWS::DirectoryService::SimpleAD': [['Password', 'directory administrator password']],
  'AWS::ElastiCache::ReplicationGroup': [['AuthToken', 'Redis AUTH token']],
  'AWS::OpenSearchService::Domain': [['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword', 'domain master password']],
  'AWS::Elasticsearch::Domain': [['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword', 'domain master password']],
}

const credentials: Handler = (resource, context) => {
  for (const [dotted, purpose] of CREDENTIAL_PROPERTIES[resource.type] ?? []) addCredential(context, metaOf(resource), path(resource.body, dotted), purpose)
}

const brokerUsers: Handler = (resource, context) => {
  for (const user of items(path(resource.body, 'Users'))) addCredential(context, metaOf(resource), path(user, 'Password'), 'broker user password')
}

/** AWS::Lambda::Function and AWS::Serverless::Function: `Environment.Variables`. */
const functionEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'lambda', variablesOfMap(path(resource.body, 'Environment.Variables')))

const ecsEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'ecs', variablesOfContainers(path(resource.body, 'ContainerDefinitions'), metaOf(resource), context))

const batchEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'batch', variablesOfContainers(path(resource.body, 'ContainerProperties'), metaOf(resource), context))

const userData = (dotted: string): Handler => (resource, context) => addUserData(context, userDataOf(path(resource.body, dotted), metaOf(resource)))

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::SecretsManager::Secret': secret,
  'AWS::SecretsManager::RotationSchedule': rotationSchedule,
  'AWS::SSM::Parameter': ssmParameter,
  ...Object.fromEntries(Object.keys(CREDENTIAL_PROPERTIES).map((type) => [type, credentials])),
  'AWS::AmazonMQ::Broker': brokerUsers,
  'AWS::Lambda::Function': functionEnvironment,
  'AWS::Serverless::Function': functionEnvironment,
  'AWS::ECS::TaskDefinition': ecsEnvironment,
  'AWS::Batch::JobDefinition': batchEnvironment,
  'AWS::EC2::Instance': userData('UserData'),
  'AWS::EC2::LaunchTemplate': userData('LaunchTemplateData.UserData'),
  'AWS::AutoScaling::LaunchConfiguration': userData('UserData'),
})
