import { patternOf } from '../model/pattern.js'
import { isUnknown, type Maybe } from '../model/source.js'

/*
 * AWS managed policies known by name, as data: when a principal attaches one by ARN, its permissions
 * are these. Documents follow the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/). ReadOnlyAccess and SecurityAudit
 * list hundreds of services; they are kept here to the services this tool reasons about, which can
 * only under-report (a policy not listed here is unknown, never guessed).
 */

export interface ManagedPolicyJson {
  Version: string
  Statement: Record<string, unknown>[]
}

const readPrefixes = (service: string, prefixes: string[]) => prefixes.map((p) => `${service}:${p}`)

export const AWS_MANAGED_POLICIES: Record<string, ManagedPolicyJson> = {
  AdministratorAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions',
          'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
      },
    ],
  },
  IAMFullAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit',
          'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget',
          'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy',
        ],
        Resource: '*',
      },
    ],
  },
  ReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          ...readPrefixes('apigateway', ['GET']),
          ...readPrefixes('athena', ['Batch*', 'Get*', 'List*']),
          ...readPrefixes('autoscaling', ['Describe*']),
          ...readPrefixes('cloudformation', ['Describe*', 'Detect*', 'Estimate*', 'Get*', 'List*', 'Validate*']),
          ...readPrefixes('cloudtrail', ['Describe*', 'Get*', 'List*', 'LookupEvents']),
          ...readPrefixes('cloudwatch', ['Describe*', 'Get*', 'List*']),
          ...readPrefixes('codebuild', ['BatchGet*', 'List*']),
          ...readPrefixes('config', ['BatchGet*', 'Describe*', 'Get*', 'List*', 'Select*']),
          ...readPrefixes('dynamodb', ['BatchGet*', 'Describe*', 'Get*', 'List*', 'Query', 'Scan']),
          ...readPrefixes('ec2', ['Describe*', 'Get*']),
          ...readPrefixes('ecr', ['BatchCheck*', 'BatchGet*', 'Describe*', 'Get*', 'List*']),
          ...readPrefixes('ecs', ['Describe*', 'List*']),
          ...readPrefixes('eks', ['Describe*', 'List*']),
          ...readPrefixes('elasticloadbalancing', ['Describe*']),
          ...readPrefixes('glue', ['BatchGet*', 'Get*', 'List*', 'Search*']),
          ...readPrefixes('iam', ['Generate*', 'Get*', 'List*', 'Simulate*']),
          ...readPrefixes('kinesis', ['Describe*', 'Get*', 'List*']),
          ...readPrefixes('kms', ['Describe*', 'Get*', 'List*']),
          ...readPrefixes('lambda', ['Get*', 'List*']),
          ...readPrefixes('logs', ['Describe*', 'FilterLogEvents', 'Get*', 'List*', 'StartQuery', 'StopQuery', 'TestMetricFilter']),
          ...readPrefixes('organizations', ['Describe*', 'List*']),
          ...readPrefixes('rds', ['Describe*', 'Download*', 'List*']),
          ...readPrefixes('s3', ['Get*', 'List*']),
          ...readPrefixes('secretsmanager', ['Describe*', 'GetResourcePolicy', 'List*']),
          ...readPrefixes('sns', ['Check*', 'Get*', 'List*']),
          ...readPrefixes('sqs', ['Get*', 'List*', 'Receive*']),
          ...readPrefixes('ssm', ['Describe*', 'Get*', 'List*']),
          ...readPrefixes('sts', ['GetAccessKeyInfo', 'GetCallerIdentity', 'GetSessionToken']),
        ],
        Resource: '*',
      },
    ],
  },
  SecurityAudit: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'apigateway:GET', 'autoscaling:Describe*',
          'cloudformation:DescribeStack*', 'cloudformation:GetTemplate', 'cloudformation:ListStack*',
          'cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:List*', 'cloudtrail:LookupEvents',
          'cloudwatch:Describe*', 'config:Describe*', 'config:Get*', 'config:List*',
          'dynamodb:DescribeTable', 'dynamodb:ListTables', 'ec2:Describe*', 'ec2:GetEbsEncryptionByDefault',
          'ecr:DescribeRepositories', 'ecr:GetRepositoryPolicy', 'ecs:Describe*', 'ecs:List*', 'eks:Describe*', 'eks:List*',
          'elasticloadbalancing:Describe*',
          'iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy',
          'kms:Describe*', 'kms:Get*', 'kms:List*',
          'lambda:GetAccountSettings', 'lambda:GetFunctionConfiguration', 'lambda:GetLayerVersionPolicy', 'lambda:GetPolicy', 'lambda:List*',
          'logs:Describe*', 'logs:ListTagsLogGroup', 'organizations:Describe*', 'organizations:List*',
          'rds:Describe*', 's3:GetAccelerateConfiguration', 's3:GetAccessPoint*', 's3:GetAccountPublicAccessBlock', 's3:GetBucket*',
          's3:GetEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:ListAllMyBuckets', 's3:ListBucket',
          'secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:ListSecrets',
          'sns:GetTopicAttributes', 'sns:ListSubscriptions*', 'sns:ListTopics', 'sqs:GetQueueAttributes', 'sqs:ListQueues',
          'ssm:Describe*', 'ssm:ListDocuments',
        ],
        Resource: '*',
      },
    ],
  },
  AWSLambda_FullAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'cloudformation:DescribeStacks', 'cloudformation:ListStackResources', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricData',
          'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'kms:ListAliases',
          'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoles',
          'lambda:*', 'logs:DescribeLogGroups', 'states:DescribeStateMachine', 'states:ListStateMachines', 'tag:GetResources',
          'xray:GetTraceSummaries', 'xray:BatchGetTraces',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
      {
        Effect: 'Allow',
        Action: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartLiveTail', 'logs:StopLiveTail'],
        Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/*',
      },
    ],
  },
  AmazonS3FullAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }],
  },
}

/**
 * `arn:aws:iam::aws:policy/job-function/X` → `X`, for AWS-owned policy ARNs (any partition); undefined otherwise.
 * Also for an ARN whose partition alone is unknown (`arn:${AWS::Partition}:iam::aws:policy/X`, a pattern of model/pattern.ts).
 */
export function awsManagedPolicyName(arn: Maybe<string>): string | undefined {
  if (!isUnknown(arn)) return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn.trim())?.[1]
  const pattern = patternOf(arn)
  return pattern === undefined ? undefined : /^arn:\uFFFC:iam::aws:policy\/(?:[^\uFFFC]*\/)?([^/\uFFFC]+)$/.exec(pattern.trim())?.[1]
}
