import type { Attr, SourceRange } from './source.js'
import type { PolicyDocument } from './policy.js'
import type { ResourceMeta } from './resource.js'

/*
 * The provider-neutral AWS model. `extract` builds it from Terraform, CloudFormation (and SAM) and
 * plan JSON; rules read only this. Optional `Attr`s are absent when the source does not set them and
 * AWS has no meaningful default; required ones are present with `explicit: false` when defaulted.
 * Links between objects (a stage's API, a trail's bucket) are resolved by extract; a link is
 * undefined when the target is not in the scanned code.
 */

export interface AwsModel {
  iam: {
    /** Customer managed policies (aws_iam_policy, AWS::IAM::ManagedPolicy). */
    policies: IamPolicy[]
    roles: IamRole[]
    users: IamUser[]
    groups: IamGroup[]
    accessKeys: AccessKey[]
    passwordPolicies: PasswordPolicy[]
    oidcProviders: OidcProvider[]
    identityPools: IdentityPool[]
    /** IAM Identity Center permission sets (aws_ssoadmin_permission_set, AWS::SSO::PermissionSet): principals whose policies become a role in each account they are assigned to. */
    permissionSets: PermissionSet[]
  }
  organizations: { scps: Scp[] }
  apigateway: {
    restApis: RestApi[]
    restMethods: RestMethod[]
    restStages: RestStage[]
    httpApis: HttpApi[]
    httpRoutes: HttpRoute[]
    httpStages: HttpStage[]
    authorizers: Authorizer[]
    usagePlans: UsagePlan[]
    apiKeys: ApiKey[]
    domainNames: DomainName[]
    /** Every REST method-settings entry, inline on a stage or a separate resource, joined to its stage or not. */
    methodSettings: MethodSettings[]
  }
  lambda: { functions: LambdaFunction[]; permissions: LambdaPermission[]; functionUrls: FunctionUrl[] }
  ec2: { vpcs: Vpc[]; vpcEndpoints: VpcEndpoint[]; securityGroups: SecurityGroup[] }
  cloudtrail: { trails: Trail[] }
  config: { recorders: ConfigRecorder[] }
  cloudwatch: { logGroups: LogGroup[]; metricFilters: MetricFilter[]; alarms: MetricAlarm[] }
  s3: { buckets: S3Bucket[]; accountPublicAccessBlocks: PublicAccessBlock[] }
  secrets: {
    secrets: Secret[]
    ssmParameters: SsmParameter[]
    /** Environment variable maps of Lambda functions, ECS task definitions, Batch job definitions. */
    environments: Environment[]
    userData: UserData[]
    /** Attributes meant to hold a secret (database master passwords, directory passwords, secret strings). */
    credentials: CredentialAttribute[]
    /** CloudFormation parameters and Terraform variables. */
    inputs: TemplateInput[]
    /** Every literal string in the scanned source, for secrets that can hide anywhere. */
    literals: Literal[]
  }
  wafv2: { webAcls: WebAcl[]; associations: WebAclAssociation[] }
  /** Resource-based policies: S3, SQS, SNS, KMS, Lambda (policy form), ECR, Secrets Manager, API Gateway, OpenSearch. */
  resourcePolicies: ResourcePolicy[]
  /** Every policy document above, once each: rules about policy content iterate this. */
  policyDocuments: PolicyDocument[]
}

// ── IAM ────────────────────────────────────────────────────────────────────

export interface IamPolicy {
  meta: ResourceMeta
  name: Attr<string>
  document: PolicyDocument
}

/** A managed policy attached to a principal: an AWS managed policy by ARN, or a customer policy in the code. */
export interface PolicyAttachment {
  /** The attachment itself (an aws_iam_role_policy_attachment, an entry of ManagedPolicyArns). */
  loc: SourceRange
  meta: ResourceMeta
  policyArn: Attr<string>
  /** The customer managed policy in the scanned code, when the attachment references one. */
  policy?: IamPolicy
}

interface Principal {
  meta: ResourceMeta
  name: Attr<string>
  /** Inline policies, whether written on the principal or as separate resources (aws_iam_role_policy). */
  inlinePolicies: PolicyDocument[]
  managedPolicies: PolicyAttachment[]
  /**
   * True when the scanned code does not declare the principal: an attachment or inline policy names it by a
   * literal name, an ARN or an unknown value. Only what the scan attaches to it is known (not its trust, boundary or groups).
   */
  declaredElsewhere?: boolean
}

export interface IamRole extends Principal {
  /** The assume-role (trust) policy; absent only when the source gives none. */
  trust?: PolicyDocument
  permissionsBoundary?: Attr<string>
}

export interface IamUser extends Principal {
  /** Groups the user is a member of, by name or reference, with the group when it is in the code. */
  groups: { name: Attr<string>; group?: IamGroup }[]
  permissionsBoundary?: Attr<string>
}

export type IamGroup = Principal

/** A customer managed policy a permission set names by name and path: AWS looks it up in each account the set is assigned to. */
export interface CustomerPolicyReference {
  /** The reference itself (a customer_managed_policy_reference block, an entry of CustomerManagedPolicyReferences). */
  loc: SourceRange
  /** The resource that writes the reference. */
  meta: ResourceMeta
  name: Attr<string>
  /** `/` when not given. */
  path: Attr<string>
  /** The customer managed policy of that name in the scanned code, when there is one. */
  policy?: IamPolicy
}

/** An IAM Identity Center permission set: AWS managed policies are its managedPolicies, customer managed ones are referenced by name. */
export interface PermissionSet extends Principal {
  customerManagedPolicies: CustomerPolicyReference[]
  permissionsBoundary?: PermissionSetBoundary
}

/** A permission set's boundary: an AWS managed policy by ARN, or a customer managed policy by name. */
export interface PermissionSetBoundary {
  loc: SourceRange
  meta: ResourceMeta
  managedPolicyArn?: Attr<string>
  customerManagedPolicy?: CustomerPolicyReference
}

export interface AccessKey {
  meta: ResourceMeta
  user: Attr<string>
  /** Active / Inactive. */
  status: Attr<string>
}

export interface PasswordPolicy {
  meta: ResourceMeta
  minimumLength: Attr<number>
  reusePrevention: Attr<number>
  maxAge: Attr<number>
  requireSymbols: Attr<boolean>
  requireNumbers: Attr<boolean>
  requireUppercase: Attr<boolean>
  requireLowercase: Attr<boolean>
}

export interface OidcProvider {
  meta: ResourceMeta
  url: Attr<string>
  clientIds: Attr<string>[]
}

export interface IdentityPool {
  meta: ResourceMeta
  allowUnauthenticated: Attr<boolean>
  /** The role unauthenticated identities get, when bound in the code. */
  unauthenticatedRole?: IamRole
}

// ── Organizations ──────────────────────────────────────────────────────────

export interface Scp {
  meta: ResourceMeta
  name: Attr<string>
  document: PolicyDocument
  targets: ScpTarget[]
}

export interface ScpTarget {
  loc: SourceRange
  targetId: Attr<string>
  /** The organization root (an `r-…` ID, or a reference to the organization's roots). */
  isRoot: boolean
}

// ── API Gateway ────────────────────────────────────────────────────────────

export interface RestApi {
  meta: ResourceMeta
  name: Attr<string>
  /** EDGE (default), REGIONAL or PRIVATE. */
  endpointType: Attr<string>
  policy?: PolicyDocument
  vpcEndpointIds: Attr<string>[]
  /** CORS as SAM's AWS::Serverless::Api `Cors` declares it (plain REST APIs configure CORS in integrations). */
  cors?: Cors
}

export interface RestMethod {
  meta: ResourceMeta
  api?: RestApi
  httpMethod: Attr<string>
  /** Resource path when known (`/users/{id}`). */
  path?: Attr<string>
  /** NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS. */
  authorizationType: Attr<string>
  apiKeyRequired: Attr<boolean>
}

export interface MethodSettings {
  loc: SourceRange
  /** The resource that declares the settings: the stage itself, or an aws_api_gateway_method_settings. */
  owner: ResourceMeta
  /** The stage the settings apply to, when it is in the code. */
  stage?: RestStage
  /** `*​/*` for all methods, or `resource/METHOD`. */
  methodPath: Attr<string>
  throttlingRateLimit?: Attr<number>
  throttlingBurstLimit?: Attr<number>
  /** OFF, ERROR, INFO. */
  loggingLevel: Attr<string>
  dataTraceEnabled: Attr<boolean>
  cachingEnabled: Attr<boolean>
  cacheDataEncrypted: Attr<boolean>
}

export interface RestStage {
  meta: ResourceMeta
  api?: RestApi
  name: Attr<string>
  accessLogDestination?: Attr<string>
  xrayTracing: Attr<boolean>
  cacheClusterEnabled: Attr<boolean>
  methodSettings: MethodSettings[]
  /** False when a method-settings resource in the code could not be tied to a stage and may belong to this one. */
  methodSettingsComplete: boolean
  /** Whether a WAFv2 web ACL is associated with the stage in the code (unknown when an association's target is unresolved). */
  webAclAssociated: Attr<boolean>
}

export interface HttpApi {
  meta: ResourceMeta
  name: Attr<string>
  /** HTTP or WEBSOCKET. */
  protocol: Attr<string>
  cors?: Cors
}

export interface Cors {
  loc: SourceRange
  allowOrigins: Attr<string>[]
  allowCredentials: Attr<boolean>
}

export interface HttpRoute {
  meta: ResourceMeta
  api?: HttpApi
  routeKey: Attr<string>
  /** NONE, AWS_IAM, CUSTOM, JWT. */
  authorizationType: Attr<string>
}

export interface RouteSettings {
  loc: SourceRange
  /** Undefined for the stage's default route settings. */
  routeKey?: Attr<string>
  throttlingRateLimit?: Attr<number>
  throttlingBurstLimit?: Attr<number>
  dataTraceEnabled: Attr<boolean>
  loggingLevel: Attr<string>
}

export interface HttpStage {
  meta: ResourceMeta
  api?: HttpApi
  name: Attr<string>
  accessLogDestination?: Attr<string>
  defaultRouteSettings?: RouteSettings
  routeSettings: RouteSettings[]
}

export interface Authorizer {
  meta: ResourceMeta
  /** TOKEN, REQUEST, COGNITO_USER_POOLS (REST); REQUEST, JWT (HTTP). */
  type: Attr<string>
  identitySource?: Attr<string>
  validationExpression?: Attr<string>
  /** Result cache TTL in seconds; 0 disables caching. */
  cacheTtl: Attr<number>
}

export interface UsagePlan {
  meta: ResourceMeta
  stages: { loc: SourceRange; api?: RestApi; apiRef: Attr<string>; stage: Attr<string> }[]
  throttle?: { loc: SourceRange; rateLimit?: Attr<number>; burstLimit?: Attr<number> }
  quota?: { loc: SourceRange; limit?: Attr<number>; period?: Attr<string> }
}

export interface ApiKey {
  meta: ResourceMeta
  enabled: Attr<boolean>
  /** Usage plans the key is bound to in the code. */
  usagePlans: UsagePlan[]
  /** Bindings (usage plan keys) whose usage plan is not in the code: the key is bound, to a plan we cannot see. */
  unresolvedUsagePlans: number
}

export interface DomainName {
  meta: ResourceMeta
  /** TLS_1_0, TLS_1_2, or a SecurityPolicy_… name. */
  securityPolicy: Attr<string>
}

// ── Lambda ─────────────────────────────────────────────────────────────────

export interface LambdaFunction {
  meta: ResourceMeta
  name: Attr<string>
  role?: Attr<string>
}

export interface LambdaPermission {
  meta: ResourceMeta
  action: Attr<string>
  principal: Attr<string>
  functionName: Attr<string>
  sourceArn?: Attr<string>
  sourceAccount?: Attr<string>
  principalOrgId?: Attr<string>
}

export interface FunctionUrl {
  meta: ResourceMeta
  /** NONE or AWS_IAM. */
  authType: Attr<string>
  cors?: Cors
}

// ── EC2 / VPC ──────────────────────────────────────────────────────────────

export interface Vpc {
  meta: ResourceMeta
  cidr?: Attr<string>
  endpoints: VpcEndpoint[]
}

export interface VpcEndpoint {
  meta: ResourceMeta
  serviceName: Attr<string>
  /** Gateway (default), Interface, GatewayLoadBalancer. */
  endpointType: Attr<string>
  /** Absent means the default full-access policy. */
  policy?: PolicyDocument
  privateDnsEnabled: Attr<boolean>
  vpcId: Attr<string>
  securityGroupIds: Attr<string>[]
  /** The security groups of `securityGroupIds` that are in the code. */
  securityGroups: SecurityGroup[]
}

export interface SecurityGroup {
  meta: ResourceMeta
  ingress: SecurityGroupRule[]
}

export interface SecurityGroupRule {
  loc: SourceRange
  cidrBlocks: Attr<string>[]
  ipv6CidrBlocks: Attr<string>[]
  fromPort?: Attr<number>
  toPort?: Attr<number>
  protocol: Attr<string>
}

// ── CloudTrail, Config, CloudWatch ─────────────────────────────────────────

export interface Trail {
  meta: ResourceMeta
  name: Attr<string>
  isMultiRegion: Attr<boolean>
  logFileValidation: Attr<boolean>
  kmsKeyId?: Attr<string>
  cloudWatchLogsGroupArn?: Attr<string>
  cloudWatchLogsRoleArn?: Attr<string>
  includeGlobalServiceEvents: Attr<boolean>
  isLogging: Attr<boolean>
  bucketName: Attr<string>
  bucket?: S3Bucket
  /** The log group of cloudWatchLogsGroupArn, when it is in the scanned code. */
  logGroup?: LogGroup
  /** Data event selectors (S3 objects, Lambda invocations). */
  dataEvents: { loc: SourceRange; resourceType: Attr<string>; values: Attr<string>[] }[]
}

export interface ConfigRecorder {
  meta: ResourceMeta
  allSupported: Attr<boolean>
  includeGlobalResourceTypes: Attr<boolean>
  /** From the recorder status resource; unknown when none is in the code. */
  enabled: Attr<boolean>
}

export interface LogGroup {
  meta: ResourceMeta
  name: Attr<string>
}

export interface MetricFilter {
  meta: ResourceMeta
  logGroupName: Attr<string>
  pattern: Attr<string>
  metricName: Attr<string>
  metricNamespace: Attr<string>
  /** The log group of logGroupName, when it is in the scanned code. */
  logGroup?: LogGroup
}

export interface MetricAlarm {
  meta: ResourceMeta
  metricName: Attr<string>
  namespace: Attr<string>
}

// ── S3 ─────────────────────────────────────────────────────────────────────

export interface S3Bucket {
  meta: ResourceMeta
  name: Attr<string>
  /** Canned ACL (private, public-read, …), from the bucket or an aws_s3_bucket_acl. */
  acl?: Attr<string>
  publicAccessBlock?: PublicAccessBlock
  /** Server access logging target, from the bucket or an aws_s3_bucket_logging. */
  loggingTarget?: Attr<string>
  policy?: ResourcePolicy
}

export interface PublicAccessBlock {
  meta: ResourceMeta
  blockPublicAcls: Attr<boolean>
  blockPublicPolicy: Attr<boolean>
  ignorePublicAcls: Attr<boolean>
  restrictPublicBuckets: Attr<boolean>
}

// ── Secrets ────────────────────────────────────────────────────────────────

export interface Secret {
  meta: ResourceMeta
  name: Attr<string>
  /** The rotation configured for the secret in the code, if any. */
  rotation?: { loc: SourceRange; enabled: Attr<boolean> }
}

export interface SsmParameter {
  meta: ResourceMeta
  name: Attr<string>
  /** String, StringList, SecureString. */
  type: Attr<string>
  value?: Attr<string>
}

export interface Environment {
  meta: ResourceMeta
  /** lambda, ecs, batch. */
  service: string
  variables: { name: string; nameLoc: SourceRange; value: Attr<string> }[]
}

export interface UserData {
  meta: ResourceMeta
  /** The decoded script text (base64 decoded where the source encodes it). */
  text: Attr<string>
  /** File line of the text's first line when its lines map to file lines one to one (a heredoc, a YAML block): lets rules point inside it. */
  firstTextLine?: number
}

export interface CredentialAttribute {
  meta: ResourceMeta
  /** What the attribute is, for the message: `master password`, `secret string`, … */
  purpose: string
  /** For a structured secret (a map such as jsonencode({ username, password })), the field the value sits under. */
  field?: string
  /** Where the literal is written: the property itself, or a parameter's default the property refers to. */
  value: Attr<string>
  /** Where the property takes the value, when the literal is written elsewhere (`MasterUserPassword: !Ref DbPassword`). */
  usedAt?: SourceRange
}

export interface TemplateInput {
  /** The parameter or variable block. */
  loc: SourceRange
  name: string
  hidden: Attr<boolean>
  defaultValue?: Attr<string>
  meta: ResourceMeta
}

export interface Literal {
  key?: string
  value: Attr<string>
}

// ── WAFv2 ──────────────────────────────────────────────────────────────────

export interface WebAcl {
  meta: ResourceMeta
  name: Attr<string>
  /** allow or block. */
  defaultAction: Attr<string>
  rules: WafRule[]
  loggingConfigured: Attr<boolean>
  /** REST stages and other resources associated in the code. */
  protectsApi: boolean
}

export interface WafRule {
  loc: SourceRange
  name: Attr<string>
  managedRuleGroup?: { vendor: Attr<string>; name: Attr<string> }
}

export interface WebAclAssociation {
  meta: ResourceMeta
  resourceArn: Attr<string>
  webAclArn: Attr<string>
  webAcl?: WebAcl
}

// ── Resource-based policies ────────────────────────────────────────────────

export interface ResourcePolicy {
  meta: ResourceMeta
  /** s3, sqs, sns, kms, lambda, ecr, secretsmanager, apigateway, es. */
  service: string
  document: PolicyDocument
  /** The protected resource (bucket name, queue URL, key ID…), or a reference to it. */
  target: Attr<string>
  /** The reference the target was written through (`aws_api_gateway_rest_api.api.id`, `Api`), or the resource's own address for a policy written on it: joins a policy to its resource. */
  targetRef?: string
}

export function emptyModel(): AwsModel {
  return {
    iam: { policies: [], roles: [], users: [], groups: [], accessKeys: [], passwordPolicies: [], oidcProviders: [], identityPools: [], permissionSets: [] },
    organizations: { scps: [] },
    apigateway: { restApis: [], restMethods: [], restStages: [], httpApis: [], httpRoutes: [], httpStages: [], authorizers: [], usagePlans: [], apiKeys: [], domainNames: [], methodSettings: [] },
    lambda: { functions: [], permissions: [], functionUrls: [] },
    ec2: { vpcs: [], vpcEndpoints: [], securityGroups: [] },
    cloudtrail: { trails: [] },
    config: { recorders: [] },
    cloudwatch: { logGroups: [], metricFilters: [], alarms: [] },
    s3: { buckets: [], accountPublicAccessBlocks: [] },
    secrets: { secrets: [], ssmParameters: [], environments: [], userData: [], credentials: [], inputs: [], literals: [] },
    wafv2: { webAcls: [], associations: [] },
    resourcePolicies: [],
    policyDocuments: [],
  }
}
