import type { Secret, SsmParameter } from '../../model/aws.js'
import { attr, firstLine } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import type { Handler } from '../context.js'
import { addCredential, addEnvironment, addUserData, userDataOf, variablesOfContainers, variablesOfMap } from '../secret-sources.js'
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

/** Attributes that hold a secret, by resource type: [path in the body, what it is]. */
const CREDENTIAL_ATTRIBUTES: Record<string, [string, string][]> = {
  aws_secretsmanager_secret_version: [['secret_string', 'secret string']],
  aws_db_instance: [['password', 'database master password']],
  aws_rds_cluster: [['master_password', 'database master password']],
  aws_docdb_cluster: [['master_password', 'database master password']],
  aws_neptune_cluster: [['master_password', 'database master password']],
  aws_redshift_cluster: [['master_password', 'database master password']],
  aws_redshiftserverless_namespace: [['admin_user_password', 'database admin password']],
  aws_directory_service_directory: [['password', 'directory administrator password']],
  aws_elasticache_replication_group: [['auth_token', 'Redis AUTH token']],
  aws_elasticache_user: [['passwords', 'cache user password']],
  aws_mq_broker: [['user.password', 'broker user password']],
  aws_opensearch_domain: [['advanced_security_options.master_user_options.master_user_password', 'domain master password']],
  aws_elasticsearch_domain: [['advanced_security_options.master_user_options.master_user_password', 'domain master password']],
}

const credentials: Handler = (resource, context) => {
  for (const [dotted, purpose] of CREDENTIAL_ATTRIBUTES[resource.type] ?? []) {
    const value = path(resource.body, dotted)
    for (const one of value?.kind === 'list' ? value.items : [value]) addCredential(context, metaOf(resource), one, purpose)
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
  ...Object.fromEntries(Object.keys(CREDENTIAL_ATTRIBUTES).map((type) => [type, credentials])),
  aws_lambda_function: lambdaEnvironment,
  aws_ecs_task_definition: ecsEnvironment,
  aws_batch_job_definition: batchEnvironment,
  aws_instance: userData,
  aws_launch_template: userData,
  aws_launch_configuration: userData,
}
