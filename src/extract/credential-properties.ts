import type { Value } from '../parse/value.js'

/*
 * The one table of resource properties that hold a credential, for both frameworks: each row names
 * the resource type and the property path as CloudFormation writes them and as the Terraform
 * provider does. A framework that has no such resource or argument leaves its side out (the
 * Terraform provider never takes an IAM user's console password or an Alexa skill's secrets).
 */

interface CredentialProperty {
  /** What the property holds, for messages: `database master password`. */
  purpose: string
  /** Dotted path under `Properties`. */
  cloudformation?: string
  /** Dotted path in the resource body (nested blocks by their type name). */
  terraform?: string
}

interface CredentialHolder {
  cloudformation?: string
  terraform?: string
  properties: CredentialProperty[]
}

const masterPassword = (cloudformation: string | undefined, terraform: string | undefined): CredentialProperty => ({
  purpose: 'database master password',
  ...(cloudformation ? { cloudformation } : {}),
  ...(terraform ? { terraform } : {}),
})

const CREDENTIAL_HOLDERS: CredentialHolder[] = [
  { cloudformation: 'AWS::SecretsManager::Secret', terraform: 'aws_secretsmanager_secret_version', properties: [{ purpose: 'secret string', cloudformation: 'SecretString', terraform: 'secret_string' }] },
  { cloudformation: 'AWS::RDS::DBInstance', terraform: 'aws_db_instance', properties: [masterPassword('MasterUserPassword', 'password')] },
  { cloudformation: 'AWS::RDS::DBCluster', terraform: 'aws_rds_cluster', properties: [masterPassword('MasterUserPassword', 'master_password')] },
  { cloudformation: 'AWS::DocDB::DBCluster', terraform: 'aws_docdb_cluster', properties: [masterPassword('MasterUserPassword', 'master_password')] },
  { terraform: 'aws_neptune_cluster', properties: [masterPassword(undefined, 'master_password')] },
  { cloudformation: 'AWS::Redshift::Cluster', terraform: 'aws_redshift_cluster', properties: [masterPassword('MasterUserPassword', 'master_password')] },
  { cloudformation: 'AWS::RedshiftServerless::Namespace', terraform: 'aws_redshiftserverless_namespace', properties: [{ purpose: 'database admin password', cloudformation: 'AdminUserPassword', terraform: 'admin_user_password' }] },
  { cloudformation: 'AWS::Lightsail::Database', terraform: 'aws_lightsail_database', properties: [masterPassword('MasterUserPassword', 'master_password')] },
  { cloudformation: 'AWS::DirectoryService::MicrosoftAD', terraform: 'aws_directory_service_directory', properties: [{ purpose: 'directory administrator password', cloudformation: 'Password', terraform: 'password' }] },
  { cloudformation: 'AWS::DirectoryService::SimpleAD', properties: [{ purpose: 'directory administrator password', cloudformation: 'Password' }] },
  { cloudformation: 'AWS::ElastiCache::ReplicationGroup', terraform: 'aws_elasticache_replication_group', properties: [{ purpose: 'Redis AUTH token', cloudformation: 'AuthToken', terraform: 'auth_token' }] },
  { cloudformation: 'AWS::ElastiCache::User', terraform: 'aws_elasticache_user', properties: [{ purpose: 'cache user password', cloudformation: 'Passwords', terraform: 'passwords' }] },
  { cloudformation: 'AWS::MemoryDB::User', terraform: 'aws_memorydb_user', properties: [{ purpose: 'cache user password', cloudformation: 'AuthenticationMode.Passwords', terraform: 'authentication_mode.passwords' }] },
  { cloudformation: 'AWS::AmazonMQ::Broker', terraform: 'aws_mq_broker', properties: [{ purpose: 'broker user password', cloudformation: 'Users.Password', terraform: 'user.password' }] },
  {
    cloudformation: 'AWS::OpenSearchService::Domain',
    terraform: 'aws_opensearch_domain',
    properties: [{ purpose: 'domain master password', cloudformation: 'AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword', terraform: 'advanced_security_options.master_user_options.master_user_password' }],
  },
  {
    cloudformation: 'AWS::Elasticsearch::Domain',
    terraform: 'aws_elasticsearch_domain',
    properties: [{ purpose: 'domain master password', cloudformation: 'AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword', terraform: 'advanced_security_options.master_user_options.master_user_password' }],
  },
  {
    cloudformation: 'AWS::DMS::Endpoint',
    terraform: 'aws_dms_endpoint',
    properties: [
      { purpose: 'database password', cloudformation: 'Password', terraform: 'password' },
      { purpose: 'MongoDB password', cloudformation: 'MongoDbSettings.Password' },
      { purpose: 'Kafka SASL password', cloudformation: 'KafkaSettings.SaslPassword', terraform: 'kafka_settings.sasl_password' },
    ],
  },
  {
    cloudformation: 'AWS::Amplify::App',
    terraform: 'aws_amplify_app',
    properties: [
      { purpose: 'repository access token', cloudformation: 'AccessToken', terraform: 'access_token' },
      { purpose: 'repository OAuth token', cloudformation: 'OauthToken', terraform: 'oauth_token' },
      { purpose: 'basic-auth password', cloudformation: 'BasicAuthConfig.Password', terraform: 'basic_auth_credentials' },
    ],
  },
  {
    cloudformation: 'AWS::Amplify::Branch',
    terraform: 'aws_amplify_branch',
    properties: [{ purpose: 'basic-auth password', cloudformation: 'BasicAuthConfig.Password', terraform: 'basic_auth_credentials' }],
  },
  {
    cloudformation: 'Alexa::ASK::Skill',
    properties: [
      { purpose: 'Login with Amazon client secret', cloudformation: 'AuthenticationConfiguration.ClientSecret' },
      { purpose: 'Login with Amazon refresh token', cloudformation: 'AuthenticationConfiguration.RefreshToken' },
    ],
  },
  { cloudformation: 'AWS::IAM::User', properties: [{ purpose: 'console password', cloudformation: 'LoginProfile.Password' }] },
  { cloudformation: 'AWS::CodeBuild::SourceCredential', terraform: 'aws_codebuild_source_credential', properties: [{ purpose: 'source provider token', cloudformation: 'Token', terraform: 'token' }] },
  {
    cloudformation: 'AWS::CodePipeline::Webhook',
    terraform: 'aws_codepipeline_webhook',
    properties: [{ purpose: 'webhook secret token', cloudformation: 'AuthenticationConfiguration.SecretToken', terraform: 'authentication_configuration.secret_token' }],
  },
  { cloudformation: 'AWS::DataSync::LocationSMB', terraform: 'aws_datasync_location_smb', properties: [{ purpose: 'SMB password', cloudformation: 'Password', terraform: 'password' }] },
]

export interface CredentialPath {
  path: string
  purpose: string
}

/** Resource type → the credential properties of that type, as `framework` names them. */
export function credentialPaths(framework: 'cloudformation' | 'terraform'): Map<string, CredentialPath[]> {
  const byType = new Map<string, CredentialPath[]>()
  for (const holder of CREDENTIAL_HOLDERS) {
    const type = holder[framework]
    if (type === undefined) continue
    const paths = holder.properties.flatMap((property) => (property[framework] === undefined ? [] : [{ path: property[framework], purpose: property.purpose }]))
    if (paths.length > 0) byType.set(type, [...(byType.get(type) ?? []), ...paths])
  }
  return byType
}

/**
 * Every value at a dotted path: a list on the way (CloudFormation `Users`, repeated Terraform blocks)
 * or at the end (a list of passwords) fans out to each of its items.
 */
export function valuesAt(value: Value | undefined, dotted: string): Value[] {
  let current: Value[] = value ? [value] : []
  for (const key of dotted.split('.')) {
    current = current.flatMap(spread).flatMap((one) => {
      if (one.kind !== 'map') return []
      const found = one.entries.find((e) => e.key === key)?.value
      return found ? [found] : []
    })
  }
  return current.flatMap(spread)
}

function spread(value: Value): Value[] {
  return value.kind === 'list' ? value.items : [value]
}
