import type { Secret, SsmParameter } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import type { Handler } from '../context.js'
import { addCredential, addEnvironment, addUserData, userDataOf, variablesOfContainers, variablesOfMap } from '../secret-sources.js'
import { credentialPaths, valuesAt } from '../credential-properties.js'
import { knownValue, metaOf, optionalString, path, requiredString, stringOr } from '../values.js'

const secret: Handler = (resource, context) => {
  const model: Secret = { meta: metaOf(resource), name: optionalString(resource, 'name') ?? stringOr(resource, 'name_prefix', '') }
  // Provider versions before 5 configured rotation on the secret itself.
  const inlineRotation = path(resource.body, 'rotation_lambda_arn') ?? path(resource.body, 'rotation_rules')
  if (inlineRotation && inlineRotation.kind !== 'null') model.rotation = { loc: inlineRotation.loc, enabled: attr(true, inlineRotation.loc) }
  context.model.secrets.secrets.push(model)
  context.register('secret', resource.address, model, [knownValue(model.name)])
}

const secretRotation: Handler = (resource, context) => {
  context.afterAll(() => {
    const target = context.lookup<Secret>('secret', path(resource.body, 'secret_id'))
    if (target) target.rotation = { loc: resource.loc, enabled: attr(true, firstLine(resource.loc), false) }
  })
}

const ssmParameter: Handler = (resource, context) => {
  const model: SsmParameter = {
    meta: metaOf(resource),
    name: stringOr(resource, 'name', ''),
    type: requiredString(resource, 'type'),
    value: optionalString(resource, 'value') ?? optionalString(resource, 'insecure_value'),
  }
  context.model.secrets.ssmParameters.push(model)
}

const CREDENTIAL_PATHS = credentialPaths('terraform')

const credentials: Handler = (resource, context) => {
  for (const { path: dotted, purpose } of CREDENTIAL_PATHS.get(resource.type) ?? []) {
    for (const value of valuesAt(resource.body, dotted)) addCredential(context, metaOf(resource), value, purpose)
  }
}

const lambdaEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'lambda', variablesOfMap(path(resource.body, 'environment.variables')))

const ecsEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'ecs', variablesOfContainers(path(resource.body, 'container_definitions'), metaOf(resource), context))

const batchEnvironment: Handler = (resource, context) =>
  addEnvironment(context, metaOf(resource), 'batch', variablesOfContainers(path(resource.body, 'container_properties'), metaOf(resource), context))

/** aws_instance and aws_launch_configuration take `user_data` (plain) or `user_data_base64`; launch templates take base64 `user_data`. */
const userData: Handler = (resource: RawResource, context) =>
  addUserData(context, userDataOf(path(resource.body, 'user_data') ?? path(resource.body, 'user_data_base64'), metaOf(resource)))

export const handlers: Record<string, Handler> = {
  aws_secretsmanager_secret: secret,
  aws_secretsmanager_secret_rotation: secretRotation,
  aws_ssm_parameter: ssmParameter,
  ...Object.fromEntries([...CREDENTIAL_PATHS.keys()].map((type) => [type, credentials])),
  aws_lambda_function: lambdaEnvironment,
  aws_ecs_task_definition: ecsEnvironment,
  aws_batch_job_definition: batchEnvironment,
  aws_instance: userData,
  aws_launch_template: userData,
  aws_launch_configuration: userData,
}
