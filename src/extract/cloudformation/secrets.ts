import type { Secret, SsmParameter } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { addCredential, addEnvironment, addUserData, userDataOf, variablesOfContainers, variablesOfMap } from '../secret-sources.js'
import { credentialPaths, valuesAt } from '../credential-properties.js'
import { knownValue, metaOf, optionalString, path, stringOr } from '../values.js'

/** Properties that hold a credential (src/extract/credential-properties.ts), recorded when the template sets them. */
const CREDENTIAL_PATHS = credentialPaths('cloudformation')

const credentials: Handler = (resource, context) => {
  for (const { path: dotted, purpose } of CREDENTIAL_PATHS.get(resource.type) ?? []) {
    for (const value of valuesAt(resource.body, dotted)) addCredential(context, metaOf(resource), value, purpose)
  }
}

const secret: Handler = (resource, context) => {
  const model: Secret = { meta: metaOf(resource), name: stringOr(resource, 'Name', '') }
  context.model.secrets.secrets.push(model)
  context.register('secret', resource.address, model, [knownValue(model.name)])
  // GenerateSecretString makes Secrets Manager create the value: only a literal SecretString is a credential written down.
  credentials(resource, context)
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
  ...Object.fromEntries([...CREDENTIAL_PATHS.keys()].filter((type) => type !== 'AWS::SecretsManager::Secret').map((type) => [type, credentials])),
  'AWS::Lambda::Function': functionEnvironment,
  'AWS::Serverless::Function': functionEnvironment,
  'AWS::ECS::TaskDefinition': ecsEnvironment,
  'AWS::Batch::JobDefinition': batchEnvironment,
  'AWS::EC2::Instance': userData('UserData'),
  'AWS::EC2::LaunchTemplate': userData('LaunchTemplateData.UserData'),
  'AWS::AutoScaling::LaunchConfiguration': userData('UserData'),
})
