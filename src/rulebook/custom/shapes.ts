import type {
  AccessKey, Authorizer, ConfigRecorder, Cors, CustomerPolicyReference, DomainName, FunctionUrl, HttpApi, HttpRoute, HttpStage, IamGroup, IamPolicy, IamRole, IamUser,
  LambdaFunction, LambdaPermission, LogGroup, MethodSettings, PasswordPolicy, PermissionSet, PermissionSetBoundary, PolicyAttachment, PublicAccessBlock, ResourcePolicy, RestApi,
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
  RelatedPlace: NonNullable<ResourceMeta['related']>[number]
  SourceRange: SourceRange
  IamRole: IamRole
  IamUser: IamUser
  UserGroup: IamUser['groups'][number]
  IamGroup: IamGroup
  IamPolicy: IamPolicy
  PolicyAttachment: PolicyAttachment
  PermissionSet: PermissionSet
  CustomerPolicyReference: CustomerPolicyReference
  PermissionSetBoundary: PermissionSetBoundary
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
export type FieldLeads = { scalar: ScalarType; attr: boolean; list: boolean } | { shape: ShapeName; list: boolean }

/** `optional`: the model may leave the field out, so `exists` can tell objects apart. */
export type FieldShape = FieldLeads & { optional: boolean }

type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : undefined extends T[K] ? true : false

/** Every field of T, optional ones included, each marked optional exactly when T's is. */
type Fields<T> = { [K in keyof T]-?: FieldLeads & { optional: IsOptional<T, K> } }

const attr = (scalar: ScalarType) => ({ scalar, attr: true, list: false, optional: false }) as const
const attrs = (scalar: ScalarType) => ({ scalar, attr: true, list: true, optional: false }) as const
const plain = (scalar: ScalarType) => ({ scalar, attr: false, list: false, optional: false }) as const
const one = (shape: ShapeName) => ({ shape, list: false, optional: false }) as const
const many = (shape: ShapeName) => ({ shape, list: true, optional: false }) as const
/** A field the model may leave out. */
const opt = <F extends FieldLeads>(field: F & { optional: false }) => ({ ...field, optional: true }) as const

const statementFields: Fields<Statement> = {
  loc: one('SourceRange'),
  index: plain('number'),
  sid: opt(attr('string')),
  effect: attr('string'),
  actions: opt(attrs('string')),
  notActions: opt(attrs('string')),
  resources: opt(attrs('string')),
  notResources: opt(attrs('string')),
  principals: opt(many('PrincipalEntry')),
  notPrincipals: opt(many('PrincipalEntry')),
  conditions: many('Condition'),
}

const principalFields: Fields<IamGroup> = {
  meta: one('ResourceMeta'),
  name: attr('string'),
  inlinePolicies: many('PolicyDocument'),
  managedPolicies: many('PolicyAttachment'),
  declaredElsewhere: opt(plain('boolean')),
}

export const SHAPES: { [N in ShapeName]: Fields<ShapeTypes[N]> } = {
  DocumentStatement: { ...statementFields, document: one('PolicyDocument') },
  Statement: statementFields,
  PolicyDocument: {
    kind: plain('string'),
    owner: one('ResourceMeta'),
    service: opt(plain('string')),
    loc: one('SourceRange'),
    version: opt(attr('string')),
    statements: many('Statement'),
    unknown: opt(plain('Unknown')),
    size: opt(plain('number')),
  },
  PrincipalEntry: { type: plain('string'), value: attr('string') },
  Condition: { loc: one('SourceRange'), operator: attr('string'), key: attr('string'), values: attrs('string') },
  ResourceMeta: { address: plain('string'), sourceType: plain('string'), loc: one('SourceRange'), suppressions: many('InlineSuppression'), related: opt(many('RelatedPlace')) },
  RelatedPlace: { loc: one('SourceRange'), message: plain('string') },
  InlineSuppression: { ruleId: plain('string'), foreign: opt(plain('string')), reason: opt(plain('string')), until: opt(plain('string')), loc: one('SourceRange') },
  SourceRange: { file: plain('string'), startLine: plain('number'), endLine: plain('number'), startColumn: opt(plain('number')), endColumn: opt(plain('number')) },

  IamRole: { ...principalFields, trust: opt(one('PolicyDocument')), permissionsBoundary: opt(attr('string')) },
  IamUser: { ...principalFields, groups: many('UserGroup'), permissionsBoundary: opt(attr('string')) },
  UserGroup: { name: attr('string'), group: opt(one('IamGroup')) },
  IamGroup: principalFields,
  IamPolicy: { meta: one('ResourceMeta'), name: attr('string'), document: one('PolicyDocument') },
  PolicyAttachment: { loc: one('SourceRange'), meta: one('ResourceMeta'), policyArn: attr('string'), policy: opt(one('IamPolicy')) },
  PermissionSet: { ...principalFields, customerManagedPolicies: many('CustomerPolicyReference'), permissionsBoundary: opt(one('PermissionSetBoundary')) },
  CustomerPolicyReference: { loc: one('SourceRange'), meta: one('ResourceMeta'), name: attr('string'), path: attr('string'), policy: opt(one('IamPolicy')) },
  PermissionSetBoundary: { loc: one('SourceRange'), meta: one('ResourceMeta'), managedPolicyArn: opt(attr('string')), customerManagedPolicy: opt(one('CustomerPolicyReference')) },
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
  ResourcePolicy: { meta: one('ResourceMeta'), service: plain('string'), document: one('PolicyDocument'), target: attr('string'), targetRef: opt(plain('string')) },

  RestApi: { meta: one('ResourceMeta'), name: attr('string'), endpointType: attr('string'), policy: opt(one('PolicyDocument')), vpcEndpointIds: attrs('string'), cors: opt(one('Cors')) },
  Cors: { loc: one('SourceRange'), allowOrigins: attrs('string'), allowCredentials: attr('boolean') },
  RestMethod: { meta: one('ResourceMeta'), api: opt(one('RestApi')), httpMethod: attr('string'), path: opt(attr('string')), authorizationType: attr('string'), apiKeyRequired: attr('boolean') },
  RestStage: {
    meta: one('ResourceMeta'),
    api: opt(one('RestApi')),
    name: attr('string'),
    accessLogDestination: opt(attr('string')),
    xrayTracing: attr('boolean'),
    cacheClusterEnabled: attr('boolean'),
    methodSettings: many('MethodSettings'),
    methodSettingsComplete: plain('boolean'),
    webAclAssociated: attr('boolean'),
  },
  MethodSettings: {
    loc: one('SourceRange'),
    owner: one('ResourceMeta'),
    stage: opt(one('RestStage')),
    methodPath: attr('string'),
    throttlingRateLimit: opt(attr('number')),
    throttlingBurstLimit: opt(attr('number')),
    loggingLevel: attr('string'),
    dataTraceEnabled: attr('boolean'),
    cachingEnabled: attr('boolean'),
    cacheDataEncrypted: attr('boolean'),
  },
  HttpApi: { meta: one('ResourceMeta'), name: attr('string'), protocol: attr('string'), cors: opt(one('Cors')) },
  HttpRoute: { meta: one('ResourceMeta'), api: opt(one('HttpApi')), routeKey: attr('string'), authorizationType: attr('string') },
  HttpStage: { meta: one('ResourceMeta'), api: opt(one('HttpApi')), name: attr('string'), accessLogDestination: opt(attr('string')), defaultRouteSettings: opt(one('RouteSettings')), routeSettings: many('RouteSettings') },
  RouteSettings: { loc: one('SourceRange'), routeKey: opt(attr('string')), throttlingRateLimit: opt(attr('number')), throttlingBurstLimit: opt(attr('number')), dataTraceEnabled: attr('boolean'), loggingLevel: attr('string') },
  Authorizer: { meta: one('ResourceMeta'), type: attr('string'), identitySource: opt(attr('string')), validationExpression: opt(attr('string')), cacheTtl: attr('number') },
  UsagePlan: { meta: one('ResourceMeta'), stages: many('UsagePlanStage'), throttle: opt(one('Throttle')), quota: opt(one('Quota')) },
  UsagePlanStage: { loc: one('SourceRange'), api: opt(one('RestApi')), apiRef: attr('string'), stage: attr('string') },
  Throttle: { loc: one('SourceRange'), rateLimit: opt(attr('number')), burstLimit: opt(attr('number')) },
  Quota: { loc: one('SourceRange'), limit: opt(attr('number')), period: opt(attr('string')) },
  DomainName: { meta: one('ResourceMeta'), securityPolicy: attr('string') },

  LambdaFunction: { meta: one('ResourceMeta'), name: attr('string'), role: opt(attr('string')) },
  LambdaPermission: {
    meta: one('ResourceMeta'),
    action: attr('string'),
    principal: attr('string'),
    functionName: attr('string'),
    sourceArn: opt(attr('string')),
    sourceAccount: opt(attr('string')),
    principalOrgId: opt(attr('string')),
  },
  FunctionUrl: { meta: one('ResourceMeta'), authType: attr('string'), cors: opt(one('Cors')) },

  Vpc: { meta: one('ResourceMeta'), cidr: opt(attr('string')), endpoints: many('VpcEndpoint') },
  VpcEndpoint: {
    meta: one('ResourceMeta'),
    serviceName: attr('string'),
    endpointType: attr('string'),
    policy: opt(one('PolicyDocument')),
    privateDnsEnabled: attr('boolean'),
    vpcId: attr('string'),
    securityGroupIds: attrs('string'),
    securityGroups: many('SecurityGroup'),
  },
  SecurityGroup: { meta: one('ResourceMeta'), ingress: many('SecurityGroupRule') },
  SecurityGroupRule: { loc: one('SourceRange'), cidrBlocks: attrs('string'), ipv6CidrBlocks: attrs('string'), fromPort: opt(attr('number')), toPort: opt(attr('number')), protocol: attr('string') },

  Trail: {
    meta: one('ResourceMeta'),
    name: attr('string'),
    isMultiRegion: attr('boolean'),
    logFileValidation: attr('boolean'),
    kmsKeyId: opt(attr('string')),
    cloudWatchLogsGroupArn: opt(attr('string')),
    cloudWatchLogsRoleArn: opt(attr('string')),
    includeGlobalServiceEvents: attr('boolean'),
    isLogging: attr('boolean'),
    bucketName: attr('string'),
    bucket: opt(one('S3Bucket')),
    logGroup: opt(one('LogGroup')),
    dataEvents: many('DataEventSelector'),
  },
  DataEventSelector: { loc: one('SourceRange'), resourceType: attr('string'), values: attrs('string') },
  ConfigRecorder: { meta: one('ResourceMeta'), allSupported: attr('boolean'), includeGlobalResourceTypes: attr('boolean'), enabled: attr('boolean') },
  LogGroup: { meta: one('ResourceMeta'), name: attr('string') },

  S3Bucket: { meta: one('ResourceMeta'), name: attr('string'), acl: opt(attr('string')), publicAccessBlock: opt(one('PublicAccessBlock')), loggingTarget: opt(attr('string')), policy: opt(one('ResourcePolicy')) },
  PublicAccessBlock: { meta: one('ResourceMeta'), blockPublicAcls: attr('boolean'), blockPublicPolicy: attr('boolean'), ignorePublicAcls: attr('boolean'), restrictPublicBuckets: attr('boolean') },

  Secret: { meta: one('ResourceMeta'), name: attr('string'), rotation: opt(one('SecretRotation')) },
  SecretRotation: { loc: one('SourceRange'), enabled: attr('boolean') },
  SsmParameter: { meta: one('ResourceMeta'), name: attr('string'), type: attr('string'), value: opt(attr('string')) },

  WebAcl: { meta: one('ResourceMeta'), name: attr('string'), defaultAction: attr('string'), rules: many('WafRule'), loggingConfigured: attr('boolean'), protectsApi: plain('boolean') },
  WafRule: { loc: one('SourceRange'), name: attr('string'), managedRuleGroup: opt(one('ManagedRuleGroup')) },
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
