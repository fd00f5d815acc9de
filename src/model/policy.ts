import type { Attr, SourceRange, Unknown } from './source.js'
import type { ResourceMeta } from './resource.js'

/** What a policy document is for: it decides which elements are allowed and which size limit applies. */
export type PolicyKind = 'identity' | 'trust' | 'scp' | 'resource' | 'endpoint' | 'boundary'

/**
 * Any IAM policy JSON wherever it was written (inline, managed, jsonencode, heredoc, file(),
 * aws_iam_policy_document, CloudFormation object or string), parsed once, every element positioned.
 */
export interface PolicyDocument {
  kind: PolicyKind
  /** The resource the document is written on (a role, an aws_iam_role_policy, a bucket policy, …). */
  owner: ResourceMeta
  /** The AWS service whose resource a `resource` policy protects (`s3`, `sqs`, `sns`, `kms`, `lambda`, `ecr`, `secretsmanager`, `apigateway`, `es`). */
  service?: string
  loc: SourceRange
  version?: Attr<string>
  statements: Statement[]
  /** Set when the document as a whole could not be determined (a variable, a computed reference). */
  unknown?: Unknown
  /** Characters of the document as AWS counts them (whitespace removed), when the whole document is known. */
  size?: number
}

export interface Statement {
  /** The statement object (or `statement {}` block). */
  loc: SourceRange
  /** Position in the document, 0-based: part of a finding's identity when there is no Sid. */
  index: number
  sid?: Attr<string>
  effect: Attr<string>
  /** An element whose whole list is unknown holds a single Attr with an Unknown value. */
  actions?: Attr<string>[]
  notActions?: Attr<string>[]
  resources?: Attr<string>[]
  notResources?: Attr<string>[]
  principals?: PrincipalEntry[]
  notPrincipals?: PrincipalEntry[]
  conditions: Condition[]
}

/**
 * A Principal written without a type (`"Principal": ["arn:…"]` or `"Principal": "arn:…"`): IAM rejects
 * it, and rules read its entries as they would AWS principals, never as safer than written.
 */
export const UNTYPED_PRINCIPAL = 'untyped'

/** `"Principal": "*"` is `{ type: '*', value: '*' }`; `{ "AWS": ["a", "b"] }` is two entries of type `AWS`; `["a"]` is an entry of type UNTYPED_PRINCIPAL. */
export interface PrincipalEntry {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*' | string
  value: Attr<string>
}

/** One operator/key pair of a Condition block, e.g. `StringEquals` / `aws:SourceVpce` with its values. */
export interface Condition {
  loc: SourceRange
  operator: Attr<string>
  key: Attr<string>
  values: Attr<string>[]
}
