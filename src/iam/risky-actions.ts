import { hasAccessLevel } from './actions.js'
import type { CatalogAction } from './catalog/catalog.js'

/*
 * Action lists the content rules judge by, as data. Each entry is matched against the catalog
 * expansion of what a statement grants, so `secretsmanager:Get*` or `ssm:*` count too.
 */

export interface CredentialAction {
  action: string
  /** Only a finding when granted on every resource (reading one named secret is what the action is for). */
  onlyOnWildcard?: boolean
  /** Needed alone by every image pull: only a finding when the statement also grants another credential action. */
  onlyWithOthers?: boolean
  /** Acting on the caller's own user (`${aws:username}`) is self-service, not exposure. */
  selfServiceAllowed?: boolean
}

/** Actions that return credentials or secret values. */
export const CREDENTIAL_ACTIONS: CredentialAction[] = [
  { action: 'sts:AssumeRole', onlyOnWildcard: true },
  { action: 'sts:GetFederationToken', onlyOnWildcard: true },
  { action: 'iam:CreateAccessKey', selfServiceAllowed: true },
  { action: 'iam:UpdateAccessKey', selfServiceAllowed: true },
  { action: 'iam:CreateServiceSpecificCredential', selfServiceAllowed: true },
  { action: 'iam:ResetServiceSpecificCredential', selfServiceAllowed: true },
  { action: 'secretsmanager:GetSecretValue', onlyOnWildcard: true },
  { action: 'secretsmanager:BatchGetSecretValue', onlyOnWildcard: true },
  { action: 'ssm:GetParameter', onlyOnWildcard: true },
  { action: 'ssm:GetParameters', onlyOnWildcard: true },
  { action: 'ssm:GetParametersByPath', onlyOnWildcard: true },
  { action: 'kms:Decrypt', onlyOnWildcard: true },
  { action: 'redshift:GetClusterCredentials', onlyOnWildcard: true },
  { action: 'rds-db:connect', onlyOnWildcard: true },
  { action: 'cognito-identity:GetCredentialsForIdentity', onlyOnWildcard: true },
  { action: 'lightsail:GetInstanceAccessDetails', onlyOnWildcard: true },
  { action: 'ecr:GetAuthorizationToken', onlyWithOthers: true },
]

/** Actions that read data in bulk: with `*`, every bucket, table, queue and stream of the account. */
export const BULK_READ_ACTIONS: string[] = [
  's3:GetObject', 's3:GetObjectVersion', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:GetItem',
  'dynamodb:ExportTableToPointInTime', 'rds:CreateDBSnapshot', 'rds:DownloadDBLogFilePortion', 'rds-data:ExecuteStatement',
  'sqs:ReceiveMessage', 'kinesis:GetRecords', 'athena:GetQueryResults', 'glacier:GetJobOutput', 'ebs:GetSnapshotBlock',
  'ec2:GetConsoleOutput', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'redshift-data:GetStatementResult', 'codecommit:GitPull',
  'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'lambda:GetFunction', 'backup:GetRecoveryPointRestoreMetadata',
]

/** Identity administration is privilege escalation's subject; resource exposure is about resource policies and ACLs of the data services. */
const IDENTITY_SERVICES = new Set(['iam', 'sts', 'organizations', 'sso', 'identitystore', 'account'])

/** Actions that rewrite who may use a resource: the catalog's Permissions-management actions outside identity administration. */
export function rewritesResourceAccess(action: CatalogAction): boolean {
  return hasAccessLevel(action, ['Permissions management']) && !IDENTITY_SERVICES.has(action.service)
}
