import type { AwsModel } from '../../model/aws.js'
import type { PolicyDocument, Statement } from '../../model/policy.js'
import type { ResourceMeta } from '../../model/resource.js'
import type { SourceRange } from '../../model/source.js'

/*
 * The model kinds a custom rule can match, each with the objects of that kind, the resource a
 * finding is about, and what the IAM-aware predicates look at. Field names are the model's own
 * (src/model/aws.ts); `fields` lists the first segment a condition may name, so a typo is a load error.
 */

/** What the IAM predicates evaluate for one object. */
export type IamSubject =
  | { kind: 'statement'; statement: Statement; document: PolicyDocument }
  /** Permissions come from `documents` (with boundary and SCPs when `principal` is set); principals from `principalDocuments`. */
  | { kind: 'documents'; documents: PolicyDocument[]; principalDocuments: PolicyDocument[]; principal?: { kind: 'role' | 'user' | 'group'; meta: ResourceMeta } }
  | { kind: 'lambda-permission'; principal: { value: unknown; loc: SourceRange } }

export interface KindItem {
  subject: object
  meta: ResourceMeta
  /** Where a finding points when no condition names an element: the resource's (or statement's) first line. */
  loc: SourceRange
  iam?: IamSubject
}

export interface Kind {
  description: string
  fields: string[]
  /** Whether the IAM predicates apply. */
  iam: boolean
  items(aws: AwsModel): KindItem[]
}

const principal = ['meta', 'name', 'inlinePolicies', 'managedPolicies']
const statementFields = ['index', 'sid', 'effect', 'actions', 'notActions', 'resources', 'notResources', 'principals', 'notPrincipals', 'conditions', 'document']
const documentFields = ['kind', 'owner', 'service', 'version', 'statements', 'size']

function plain<T extends { meta: ResourceMeta }>(description: string, fields: string[], list: (aws: AwsModel) => T[]): Kind {
  return { description, fields: ['meta', ...fields], iam: false, items: (aws) => list(aws).map((subject) => ({ subject, meta: subject.meta, loc: subject.meta.loc })) }
}

function documentsOf(document: PolicyDocument | undefined): PolicyDocument[] {
  return document ? [document] : []
}

export const KINDS: Record<string, Kind> = {
  'policy.statement': {
    description: 'Every statement of every policy document (identity, trust, SCP, resource, endpoint, boundary); `document.kind` tells which.',
    fields: statementFields,
    iam: true,
    items: (aws) =>
      aws.policyDocuments.flatMap((document) =>
        document.statements.map((statement) => ({ subject: { ...statement, document }, meta: document.owner, loc: statement.loc, iam: { kind: 'statement' as const, statement, document } })),
      ),
  },
  'policy.document': {
    description: 'Every policy document, once each.',
    fields: documentFields,
    iam: true,
    items: (aws) => aws.policyDocuments.map((document) => ({ subject: document, meta: document.owner, loc: document.loc, iam: { kind: 'documents' as const, documents: documentsOf(document), principalDocuments: documentsOf(document) } })),
  },
  'iam.role': {
    description: 'IAM roles, with their trust policy (`trust`), inline and managed policies and permissions boundary.',
    fields: [...principal, 'trust', 'permissionsBoundary'],
    iam: true,
    items: (aws) => aws.iam.roles.map((role) => ({ subject: role, meta: role.meta, loc: role.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: documentsOf(role.trust), principal: { kind: 'role' as const, meta: role.meta } } })),
  },
  'iam.user': {
    description: 'IAM users, with their groups, policies and permissions boundary.',
    fields: [...principal, 'groups', 'permissionsBoundary'],
    iam: true,
    items: (aws) => aws.iam.users.map((user) => ({ subject: user, meta: user.meta, loc: user.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: [], principal: { kind: 'user' as const, meta: user.meta } } })),
  },
  'iam.group': {
    description: 'IAM groups and their policies.',
    fields: principal,
    iam: true,
    items: (aws) => aws.iam.groups.map((group) => ({ subject: group, meta: group.meta, loc: group.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: [], principal: { kind: 'group' as const, meta: group.meta } } })),
  },
  'iam.policy': {
    description: 'Customer managed policies.',
    fields: ['meta', 'name', 'document'],
    iam: true,
    items: (aws) => aws.iam.policies.map((policy) => ({ subject: policy, meta: policy.meta, loc: policy.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(policy.document), principalDocuments: [] } })),
  },
  'organizations.scp': {
    description: 'Service control policies and their targets.',
    fields: ['meta', 'name', 'document', 'targets'],
    iam: true,
    items: (aws) => aws.organizations.scps.map((scp) => ({ subject: scp, meta: scp.meta, loc: scp.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(scp.document), principalDocuments: [] } })),
  },
  resource_policy: {
    description: 'Resource-based policies (S3, SQS, SNS, KMS, Lambda, ECR, Secrets Manager, API Gateway, OpenSearch); `service` tells which.',
    fields: ['meta', 'service', 'document', 'target', 'targetRef'],
    iam: true,
    items: (aws) => aws.resourcePolicies.map((policy) => ({ subject: policy, meta: policy.meta, loc: policy.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(policy.document), principalDocuments: documentsOf(policy.document) } })),
  },
  'ec2.vpc_endpoint': {
    description: 'VPC endpoints with their policy (absent: the default full-access policy) and security groups.',
    fields: ['meta', 'serviceName', 'endpointType', 'policy', 'privateDnsEnabled', 'vpcId', 'securityGroupIds', 'securityGroups'],
    iam: true,
    items: (aws) => aws.ec2.vpcEndpoints.map((endpoint) => ({ subject: endpoint, meta: endpoint.meta, loc: endpoint.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(endpoint.policy), principalDocuments: documentsOf(endpoint.policy) } })),
  },
  'apigateway.rest_api': {
    description: 'REST APIs (v1) with endpoint type and resource policy.',
    fields: ['meta', 'name', 'endpointType', 'policy', 'vpcEndpointIds', 'cors'],
    iam: true,
    items: (aws) => aws.apigateway.restApis.map((api) => ({ subject: api, meta: api.meta, loc: api.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(api.policy), principalDocuments: documentsOf(api.policy) } })),
  },
  'lambda.permission': {
    description: 'Lambda permissions (who may invoke a function).',
    fields: ['meta', 'action', 'principal', 'functionName', 'sourceArn', 'sourceAccount', 'principalOrgId'],
    iam: true,
    items: (aws) => aws.lambda.permissions.map((permission) => ({ subject: permission, meta: permission.meta, loc: permission.meta.loc, iam: { kind: 'lambda-permission' as const, principal: permission.principal } })),
  },
  'apigateway.method': plain('REST API methods.', ['api', 'httpMethod', 'path', 'authorizationType', 'apiKeyRequired'], (aws) => aws.apigateway.restMethods),
  'apigateway.stage': plain('REST API stages with their method settings.', ['api', 'name', 'accessLogDestination', 'xrayTracing', 'cacheClusterEnabled', 'methodSettings', 'webAclAssociated'], (aws) => aws.apigateway.restStages),
  'apigateway.http_api': plain('HTTP and WebSocket APIs (v2).', ['name', 'protocol', 'cors'], (aws) => aws.apigateway.httpApis),
  'apigateway.route': plain('HTTP and WebSocket API routes.', ['api', 'routeKey', 'authorizationType'], (aws) => aws.apigateway.httpRoutes),
  'apigateway.http_stage': plain('HTTP and WebSocket API stages.', ['api', 'name', 'accessLogDestination', 'defaultRouteSettings', 'routeSettings'], (aws) => aws.apigateway.httpStages),
  'apigateway.authorizer': plain('API Gateway authorizers.', ['type', 'identitySource', 'validationExpression', 'cacheTtl'], (aws) => aws.apigateway.authorizers),
  'apigateway.usage_plan': plain('API Gateway usage plans.', ['stages', 'throttle', 'quota'], (aws) => aws.apigateway.usagePlans),
  'apigateway.domain_name': plain('API Gateway custom domain names.', ['securityPolicy'], (aws) => aws.apigateway.domainNames),
  'lambda.function': plain('Lambda functions.', ['name', 'role'], (aws) => aws.lambda.functions),
  'lambda.function_url': plain('Lambda function URLs.', ['authType', 'cors'], (aws) => aws.lambda.functionUrls),
  'ec2.vpc': plain('VPCs with the endpoints attached to them in the code.', ['cidr', 'endpoints'], (aws) => aws.ec2.vpcs),
  'ec2.security_group': plain('Security groups and their ingress rules.', ['ingress'], (aws) => aws.ec2.securityGroups),
  'cloudtrail.trail': plain('CloudTrail trails.', ['name', 'isMultiRegion', 'logFileValidation', 'kmsKeyId', 'cloudWatchLogsGroupArn', 'cloudWatchLogsRoleArn', 'includeGlobalServiceEvents', 'isLogging', 'bucketName', 'bucket', 'logGroup', 'dataEvents'], (aws) => aws.cloudtrail.trails),
  'config.recorder': plain('AWS Config recorders.', ['allSupported', 'includeGlobalResourceTypes', 'enabled'], (aws) => aws.config.recorders),
  'cloudwatch.log_group': plain('CloudWatch log groups.', ['name'], (aws) => aws.cloudwatch.logGroups),
  's3.bucket': plain('S3 buckets with ACL, public access block, logging and policy.', ['name', 'acl', 'publicAccessBlock', 'loggingTarget', 'policy'], (aws) => aws.s3.buckets),
  'secrets.secret': plain('Secrets Manager secrets.', ['name', 'rotation'], (aws) => aws.secrets.secrets),
  'secrets.ssm_parameter': plain('SSM parameters.', ['name', 'type', 'value'], (aws) => aws.secrets.ssmParameters),
  'wafv2.web_acl': plain('WAFv2 web ACLs.', ['name', 'defaultAction', 'rules', 'loggingConfigured', 'protectsApi'], (aws) => aws.wafv2.webAcls),
  'iam.access_key': plain('IAM user access keys.', ['user', 'status'], (aws) => aws.iam.accessKeys),
  'iam.password_policy': plain('Account password policies.', ['minimumLength', 'reusePrevention', 'maxAge', 'requireSymbols', 'requireNumbers', 'requireUppercase', 'requireLowercase'], (aws) => aws.iam.passwordPolicies),
}

export const KIND_NAMES = Object.keys(KINDS).sort()
