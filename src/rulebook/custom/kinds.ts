import type { AwsModel } from '../../model/aws.js'
import type { PolicyDocument, Statement } from '../../model/policy.js'
import type { ResourceMeta } from '../../model/resource.js'
import type { SourceRange } from '../../model/source.js'
import type { ShapeName, ShapeTypes } from './shapes.js'

/*
 * The model kinds a custom rule can match, each with the objects of that kind, the resource a
 * finding is about, and what the IAM-aware predicates look at. `shape` says which fields its
 * objects have (shapes.ts): field paths are checked against it, so a typo is a load error.
 */

/** What the IAM predicates evaluate for one object. */
export type IamSubject =
  | { kind: 'statement'; statement: Statement; document: PolicyDocument }
  /** Permissions come from `documents` (with boundary and SCPs when `principal` is set); principals from `principalDocuments`. */
  | { kind: 'documents'; documents: PolicyDocument[]; principalDocuments: PolicyDocument[]; principal?: { kind: 'role' | 'user' | 'group' | 'permissionSet'; meta: ResourceMeta } }
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
  /** The shape of each item's `subject`. */
  shape: ShapeName
  /** Whether the IAM predicates apply. */
  iam: boolean
  items(aws: AwsModel): KindItem[]
}

function plain<N extends ShapeName>(description: string, shape: N, list: (aws: AwsModel) => (ShapeTypes[N] & { meta: ResourceMeta })[]): Kind {
  return { description, shape, iam: false, items: (aws) => list(aws).map((subject) => ({ subject, meta: subject.meta, loc: subject.meta.loc })) }
}

function documentsOf(document: PolicyDocument | undefined): PolicyDocument[] {
  return document ? [document] : []
}

export const KINDS: Record<string, Kind> = {
  'policy.statement': {
    description: 'Every statement of every policy document (identity, trust, SCP, resource, endpoint, boundary); `document.kind` tells which.',
    shape: 'DocumentStatement',
    iam: true,
    items: (aws) =>
      aws.policyDocuments.flatMap((document) =>
        document.statements.map((statement) => ({ subject: { ...statement, document }, meta: document.owner, loc: statement.loc, iam: { kind: 'statement' as const, statement, document } })),
      ),
  },
  'policy.document': {
    description: 'Every policy document, once each.',
    shape: 'PolicyDocument',
    iam: true,
    items: (aws) => aws.policyDocuments.map((document) => ({ subject: document, meta: document.owner, loc: document.loc, iam: { kind: 'documents' as const, documents: documentsOf(document), principalDocuments: documentsOf(document) } })),
  },
  'iam.role': {
    description: 'IAM roles, with their trust policy (`trust`), inline and managed policies and permissions boundary.',
    shape: 'IamRole',
    iam: true,
    items: (aws) => aws.iam.roles.map((role) => ({ subject: role, meta: role.meta, loc: role.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: documentsOf(role.trust), principal: { kind: 'role' as const, meta: role.meta } } })),
  },
  'iam.user': {
    description: 'IAM users, with their groups, policies and permissions boundary.',
    shape: 'IamUser',
    iam: true,
    items: (aws) => aws.iam.users.map((user) => ({ subject: user, meta: user.meta, loc: user.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: [], principal: { kind: 'user' as const, meta: user.meta } } })),
  },
  'iam.group': {
    description: 'IAM groups and their policies.',
    shape: 'IamGroup',
    iam: true,
    items: (aws) => aws.iam.groups.map((group) => ({ subject: group, meta: group.meta, loc: group.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: [], principal: { kind: 'group' as const, meta: group.meta } } })),
  },
  'iam.permission_set': {
    description: 'IAM Identity Center permission sets, with their inline, AWS managed and customer managed policies and permissions boundary.',
    shape: 'PermissionSet',
    iam: true,
    items: (aws) => aws.iam.permissionSets.map((set) => ({ subject: set, meta: set.meta, loc: set.meta.loc, iam: { kind: 'documents' as const, documents: [], principalDocuments: [], principal: { kind: 'permissionSet' as const, meta: set.meta } } })),
  },
  'iam.policy': {
    description: 'Customer managed policies.',
    shape: 'IamPolicy',
    iam: true,
    items: (aws) => aws.iam.policies.map((policy) => ({ subject: policy, meta: policy.meta, loc: policy.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(policy.document), principalDocuments: [] } })),
  },
  'organizations.scp': {
    description: 'Service control policies and their targets.',
    shape: 'Scp',
    iam: true,
    items: (aws) => aws.organizations.scps.map((scp) => ({ subject: scp, meta: scp.meta, loc: scp.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(scp.document), principalDocuments: [] } })),
  },
  resource_policy: {
    description: 'Resource-based policies (S3, SQS, SNS, KMS, Lambda, ECR, Secrets Manager, API Gateway, OpenSearch); `service` tells which.',
    shape: 'ResourcePolicy',
    iam: true,
    items: (aws) => aws.resourcePolicies.map((policy) => ({ subject: policy, meta: policy.meta, loc: policy.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(policy.document), principalDocuments: documentsOf(policy.document) } })),
  },
  'ec2.vpc_endpoint': {
    description: 'VPC endpoints with their policy (absent: the default full-access policy) and security groups.',
    shape: 'VpcEndpoint',
    iam: true,
    items: (aws) => aws.ec2.vpcEndpoints.map((endpoint) => ({ subject: endpoint, meta: endpoint.meta, loc: endpoint.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(endpoint.policy), principalDocuments: documentsOf(endpoint.policy) } })),
  },
  'apigateway.rest_api': {
    description: 'REST APIs (v1) with endpoint type and resource policy.',
    shape: 'RestApi',
    iam: true,
    items: (aws) => aws.apigateway.restApis.map((api) => ({ subject: api, meta: api.meta, loc: api.meta.loc, iam: { kind: 'documents' as const, documents: documentsOf(api.policy), principalDocuments: documentsOf(api.policy) } })),
  },
  'lambda.permission': {
    description: 'Lambda permissions (who may invoke a function).',
    shape: 'LambdaPermission',
    iam: true,
    items: (aws) => aws.lambda.permissions.map((permission) => ({ subject: permission, meta: permission.meta, loc: permission.meta.loc, iam: { kind: 'lambda-permission' as const, principal: permission.principal } })),
  },
  'apigateway.method': plain('REST API methods.', 'RestMethod', (aws) => aws.apigateway.restMethods),
  'apigateway.stage': plain('REST API stages with their method settings.', 'RestStage', (aws) => aws.apigateway.restStages),
  'apigateway.http_api': plain('HTTP and WebSocket APIs (v2).', 'HttpApi', (aws) => aws.apigateway.httpApis),
  'apigateway.route': plain('HTTP and WebSocket API routes.', 'HttpRoute', (aws) => aws.apigateway.httpRoutes),
  'apigateway.http_stage': plain('HTTP and WebSocket API stages.', 'HttpStage', (aws) => aws.apigateway.httpStages),
  'apigateway.authorizer': plain('API Gateway authorizers.', 'Authorizer', (aws) => aws.apigateway.authorizers),
  'apigateway.usage_plan': plain('API Gateway usage plans.', 'UsagePlan', (aws) => aws.apigateway.usagePlans),
  'apigateway.domain_name': plain('API Gateway custom domain names.', 'DomainName', (aws) => aws.apigateway.domainNames),
  'lambda.function': plain('Lambda functions.', 'LambdaFunction', (aws) => aws.lambda.functions),
  'lambda.function_url': plain('Lambda function URLs.', 'FunctionUrl', (aws) => aws.lambda.functionUrls),
  'ec2.vpc': plain('VPCs with the endpoints attached to them in the code.', 'Vpc', (aws) => aws.ec2.vpcs),
  'ec2.security_group': plain('Security groups and their ingress rules.', 'SecurityGroup', (aws) => aws.ec2.securityGroups),
  'cloudtrail.trail': plain('CloudTrail trails.', 'Trail', (aws) => aws.cloudtrail.trails),
  'config.recorder': plain('AWS Config recorders.', 'ConfigRecorder', (aws) => aws.config.recorders),
  'cloudwatch.log_group': plain('CloudWatch log groups.', 'LogGroup', (aws) => aws.cloudwatch.logGroups),
  's3.bucket': plain('S3 buckets with ACL, public access block, logging and policy.', 'S3Bucket', (aws) => aws.s3.buckets),
  'secrets.secret': plain('Secrets Manager secrets.', 'Secret', (aws) => aws.secrets.secrets),
  'secrets.ssm_parameter': plain('SSM parameters.', 'SsmParameter', (aws) => aws.secrets.ssmParameters),
  'wafv2.web_acl': plain('WAFv2 web ACLs.', 'WebAcl', (aws) => aws.wafv2.webAcls),
  'iam.access_key': plain('IAM user access keys.', 'AccessKey', (aws) => aws.iam.accessKeys),
  'iam.password_policy': plain('Account password policies.', 'PasswordPolicy', (aws) => aws.iam.passwordPolicies),
}

export const KIND_NAMES = Object.keys(KINDS).sort()
