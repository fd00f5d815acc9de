import type {
  AccessKey, Authorizer, ConfigRecorder, Cors, DomainName, FunctionUrl, HttpApi, HttpRoute, HttpStage, IamGroup, IamPolicy, IamRole, IamUser,
  LambdaFunction, LambdaPermission, LogGroup, MethodSettings, PasswordPolicy, PolicyAttachment, PublicAccessBlock, ResourcePolicy, RestApi,
  RestMethod, RestStage, RouteSettings, S3Bucket, Scp, ScpTarget, Secret, SecurityGroup, SecurityGroupRule, SsmParameter, Trail, UsagePlan,
  Vpc, VpcEndpoint, WafRule, WebAcl,
} from '../../model/aws.js'
import type { Condition, PolicyDocument, PrincipalEntry, Statement } from '../../model/policy.js'
import type { InlineSuppression, ResourceMeta } from '../../model/resource.js'
import type { SourceRange } from '../../model/source.js'

/*
 * The shapes of the model objects a custom rule reads: each shape's fields and where each field
 * leads. The kinds table names a kind's shape, and field paths are checked against these when a
 * rulebook loads. The type of SHAPES makes each shape list exactly its TypeScript type's fields;
 * test/rulebook/custom-fields-model.test.ts checks where they lead against scanned models.
 */

/** The TypeScript type each shape describes; inline types of the model get a name here. */
export interface ShapeTypes {
  /** A statement as the policy.statement kind gives it: with the document it belongs to. */
  DocumentStatement: Statement & { document: PolicyDocument }
  Statement: Statement
  PolicyDocument: PolicyDocument
  PrincipalEntry: PrincipalEntry
  Condition: Condition
  ResourceMeta: ResourceMeta
  InlineSuppression: InlineSuppression
  SourceRange: SourceRange
  IamRole: IamRole
  IamUser: IamUser
  UserGroup: IamUser['groups'][number]
  IamGroup: IamGroup
  IamPolicy: IamPolicy
  PolicyAttachment: PolicyAttachment
  AccessKey: AccessKey
  PasswordPolicy: PasswordPolicy
  Scp: Scp
  ScpTarget: ScpTarget
  ResourcePolicy: ResourcePolicy
  RestApi: RestApi
  Cors: Cors
  RestMethod: RestMethod
  RestStage: RestStage
  MethodSettings: MethodSettings
  HttpApi: HttpApi
  HttpRoute: HttpRoute
  HttpStage: HttpStage
  RouteSettings: RouteSettings
  Authorizer: Authorizer
  UsagePlan: UsagePlan
  UsagePlanStage: UsagePlan['stages'][number]
  Throttle: NonNullable<UsagePlan['throttle']>
  Quota: NonNullable<UsagePlan['quota']>
  DomainName: DomainName
  LambdaFunction: LambdaFunction
  LambdaPermission: LambdaPermission
  FunctionUrl: FunctionUrl
  Vpc: Vpc
  VpcEndpoint: VpcEndpoint
  SecurityGroup: SecurityGroup
  SecurityGroupRule: SecurityGroupRule
  Trail: Trail
  DataEventSelector: Trail['dataEvents'][number]
  ConfigRecorder: ConfigRecorder
  LogGroup: LogGroup
  S3Bucket: S3Bucket
  PublicAccessBlock: PublicAccessBlock
  Secret: Secret
  SecretRotation: NonNullable<Secret['rotation']>
  SsmParameter: SsmParameter
  WebAcl: WebAcl
  WafRule: WafRule
  ManagedRuleGroup: NonNullable<WafRule['managedRuleGroup']>
}

export type ShapeName = keyof ShapeTypes

export type ScalarType = 'string' | 'number' | 'boolean' | 'Unknown'

/** Where a field leads: a scalar (an `Attr` is read through to its value) or a model object; either one or a list. */
export type FieldShape = { scalar: ScalarType; attr: boolean; list: boolean } | { shape: ShapeName; list: boolean }

/** Every field of T, optional ones included. */
type Fields<T> = { [K in keyof T]-?: FieldShape }

const attr = (scalar: ScalarType): FieldShape => ({ scalar, attr: true, list: false })
const attrs = (scalar: ScalarType): FieldShape => ({ scalar, attr: true, list: true })
const plain = (scalar: ScalarType): FieldShape => ({ scalar, attr: false, list: false })
const one = (shape: ShapeName): FieldShape => ({ shape, list: false })
const many = (shape: ShapeName): FieldShape => ({ shape, list: true })

const statementFields: Fields<Statement> = {
  loc: one('SourceRange'),
  index: plain('number'),
  sid: attr('string'),
  effect: attr('string'),
  actions: attrs('string'),
  notActions: attrs('string'),
  resources: attrs('string'),
  notResources: attrs('string'),
  principals: many('PrincipalEntry'),
  notPrincipals: many('PrincipalEntry'),
  conditions: many('Condition'),
}

const principalFields: Fields<IamGroup> = {
  meta: one('ResourceMeta'),
  name: attr('string'),
  inlinePolicies: many('PolicyDocument'),
  managedPolicies: many('PolicyAttachment'),
}

export const SHAPES: { [N in ShapeName]: Fields<ShapeTypes[N]> } = {
  DocumentStatement: { ...statementFields, document: one('PolicyDocument') },
  Statement: statementFields,
  PolicyDocument: {
    kind: plain('string'),
    owner: one('ResourceMeta'),
    service: plain('string'),
    loc: one('SourceRange'),
    version: attr('string'),
    statements: many('Statement'),
    unknown: plain('Unknown'),
    size: plain('number'),
  },
  PrincipalEntry: { type: plain('string'), value: attr('string') },
  Condition: { loc: one('SourceRange'), operator: attr('string'), key: attr('string'), values: attrs('string') },
  ResourceMeta: { address: plain('string'), sourceType: plain('string'), loc: one('SourceRange'), suppressions: many('InlineSuppression') },
  InlineSuppression: { ruleId: plain('string'), reason: plain('string'), until: plain('string'), loc: one('SourceRange') },
  SourceRange: { file: plain('string'), startLine: plain('number'), endLine: plain('number'), startColumn: plain('number'), endColumn: plain('number') },

  IamRole: { ...principalFields, trust: one('PolicyDocument'), permissionsBoundary: attr('string') },
  IamUser: { ...principalFields, groups: many('UserGroup'), permissionsBoundary: attr('string') },
  UserGroup: { name: attr('string'), group: one('IamGroup') },
  IamGroup: principalFields,
  IamPolicy: { meta: one('ResourceMeta'), name: attr('string'), document: one('PolicyDocument') },
  PolicyAttachment: { loc: one('SourceRange'), meta: one('ResourceMeta'), policyArn: attr('string'), policy: one('IamPolicy') },
  AccessKey: { meta: one('ResourceMeta'), user: attr('string'), status: attr('string') },
  PasswordPolicy: {
    meta: one('ResourceMeta'),
    minimumLength: attr('number'),
    reusePrevention: attr('number'),
    maxAge: attr('number'),
    requireSymbols: attr('boolean'),
    requireNumbers: attr('boolean'),
    requireUppercase: attr('boolean'),
    requireLowercase: attr('boolean'),
  },

  Scp: { meta: one('ResourceMeta'), name: attr('string'), document: one('PolicyDocument'), targets: many('ScpTarget') },
  ScpTarget: { loc: one('SourceRange'), targetId: attr('string'), isRoot: plain('boolean') },
  ResourcePolicy: { meta: one('ResourceMeta'), service: plain('string'), document: one('PolicyDocument'), target: attr('string'), targetRef: plain('string') },

  RestApi: { meta: one('ResourceMeta'), name: attr('string'), endpointType: attr('string'), policy: one('PolicyDocument'), vpcEndpointIds: attrs('string'), cors: one('Cors') },
  Cors: { loc: one('SourceRange'), allowOrigins: attrs('string'), allowCredentials: attr('boolean') },
  RestMethod: { meta: one('ResourceMeta'), api: one('RestApi'), httpMethod: attr('string'), path: attr('string'), authorizationType: attr('string'), apiKeyRequired: attr('boolean') },
  RestStage: {
    meta: one('ResourceMeta'),
    api: one('RestApi'),
    name: attr('string'),
    accessLogDestination: attr('string'),
    xrayTracing: attr('boolean'),
    cacheClusterEnabled: attr('boolean'),
    methodSettings: many('MethodSettings'),
    methodSettingsComplete: plain('boolean'),
    webAclAssociated: attr('boolean'),
  },
  MethodSettings: {
    loc: one('SourceRange'),
    owner: one('ResourceMeta'),
    stage: one('RestStage'),
    methodPath: attr('string'),
    throttlingRateLimit: attr('number'),
    throttlingBurstLimit: attr('number'),
    loggingLevel: attr('string'),
    dataTraceEnabled: attr('boolean'),
    cachingEnabled: attr('boolean'),
    cacheDataEncrypted: attr('boolean'),
  },
  HttpApi: { meta: one('ResourceMeta'), name: attr('string'), protocol: attr('string'), cors: one('Cors') },
  HttpRoute: { meta: one('ResourceMeta'), api: one('HttpApi'), routeKey: attr('string'), authorizationType: attr('string') },
  HttpStage: { meta: one('ResourceMeta'), api: one('HttpApi'), name: attr('string'), accessLogDestination: attr('string'), defaultRouteSettings: one('RouteSettings'), routeSettings: many('RouteSettings') },
  RouteSettings: { loc: one('SourceRange'), routeKey: attr('string'), throttlingRateLimit: attr('number'), throttlingBurstLimit: attr('number'), dataTraceEnabled: attr('boolean'), loggingLevel: attr('string') },
  Authorizer: { meta: one('ResourceMeta'), type: attr('string'), identitySource: attr('string'), validationExpression: attr('string'), cacheTtl: attr('number') },
  UsagePlan: { meta: one('ResourceMeta'), stages: many('UsagePlanStage'), throttle: one('Throttle'), quota: one('Quota') },
  UsagePlanStage: { loc: one('SourceRange'), api: one('RestApi'), apiRef: attr('string'), stage: attr('string') },
  Throttle: { loc: one('SourceRange'), rateLimit: attr('number'), burstLimit: attr('number') },
  Quota: { loc: one('SourceRange'), limit: attr('number'), period: attr('string') },
  DomainName: { meta: one('ResourceMeta'), securityPolicy: attr('string') },

  LambdaFunction: { meta: one('ResourceMeta'), name: attr('string'), role: attr('string') },
  LambdaPermission: {
    meta: one('ResourceMeta'),
    action: attr('string'),
    principal: attr('string'),
    functionName: attr('string'),
    sourceArn: attr('string'),
    sourceAccount: attr('string'),
    principalOrgId: attr('string'),
  },
  FunctionUrl: { meta: one('ResourceMeta'), authType: attr('string'), cors: one('Cors') },

  Vpc: { meta: one('ResourceMeta'), cidr: attr('string'), endpoints: many('VpcEndpoint') },
  VpcEndpoint: {
    meta: one('ResourceMeta'),
    serviceName: attr('string'),
    endpointType: attr('string'),
    policy: one('PolicyDocument'),
    privateDnsEnabled: attr('boolean'),
    vpcId: attr('string'),
    securityGroupIds: attrs('string'),
    securityGroups: many('SecurityGroup'),
  },
  SecurityGroup: { meta: one('ResourceMeta'), ingress: many('SecurityGroupRule') },
  SecurityGroupRule: { loc: one('SourceRange'), cidrBlocks: attrs('string'), ipv6CidrBlocks: attrs('string'), fromPort: attr('number'), toPort: attr('number'), protocol: attr('string') },

  Trail: {
    meta: one('ResourceMeta'),
    name: attr('string'),
    isMultiRegion: attr('boolean'),
    logFileValidation: attr('boolean'),
    kmsKeyId: attr('string'),
    cloudWatchLogsGroupArn: attr('string'),
    cloudWatchLogsRoleArn: attr('string'),
    includeGlobalServiceEvents: attr('boolean'),
    isLogging: attr('boolean'),
    bucketName: attr('string'),
    bucket: one('S3Bucket'),
    logGroup: one('LogGroup'),
    dataEvents: many('DataEventSelector'),
  },
  DataEventSelector: { loc: one('SourceRange'), resourceType: attr('string'), values: attrs('string') },
  ConfigRecorder: { meta: one('ResourceMeta'), allSupported: attr('boolean'), includeGlobalResourceTypes: attr('boolean'), enabled: attr('boolean') },
  LogGroup: { meta: one('ResourceMeta'), name: attr('string') },

  S3Bucket: { meta: one('ResourceMeta'), name: attr('string'), acl: attr('string'), publicAccessBlock: one('PublicAccessBlock'), loggingTarget: attr('string'), policy: one('ResourcePolicy') },
  PublicAccessBlock: { meta: one('ResourceMeta'), blockPublicAcls: attr('boolean'), blockPublicPolicy: attr('boolean'), ignorePublicAcls: attr('boolean'), restrictPublicBuckets: attr('boolean') },

  Secret: { meta: one('ResourceMeta'), name: attr('string'), rotation: one('SecretRotation') },
  SecretRotation: { loc: one('SourceRange'), enabled: attr('boolean') },
  SsmParameter: { meta: one('ResourceMeta'), name: attr('string'), type: attr('string'), value: attr('string') },

  WebAcl: { meta: one('ResourceMeta'), name: attr('string'), defaultAction: attr('string'), rules: many('WafRule'), loggingConfigured: attr('boolean'), protectsApi: plain('boolean') },
  WafRule: { loc: one('SourceRange'), name: attr('string'), managedRuleGroup: one('ManagedRuleGroup') },
  ManagedRuleGroup: { vendor: attr('string'), name: attr('string') },
}

/** How a field's type reads in a message: `Attr<string>`, `Statement[]`. */
export function describeField(field: FieldShape): string {
  const base = 'shape' in field ? field.shape : field.attr ? `Attr<${field.scalar}>` : field.scalar
  return field.list ? `${base}[]` : base
}

export function fieldsOf(shape: ShapeName): Record<string, FieldShape> {
  return SHAPES[shape]
}
