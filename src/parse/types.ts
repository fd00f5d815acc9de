import type { SourceRange } from '../model/source.js'
import type { InlineSuppression } from '../model/resource.js'
import type { MapValue, StringValue, Value } from './value.js'

export type Framework = 'terraform' | 'cloudformation'

/** A problem with the input, kept as a value until the edge (the CLI and the Action decide what it means). */
export interface Diagnostic {
  kind: 'parse-error' | 'unresolved'
  message: string
  loc: SourceRange
}

/**
 * One resource (or Terraform data source / provider block) with its evaluated body. `type` is the
 * framework's own type name (`aws_iam_role`, `AWS::IAM::Role`); only extract reads it.
 */
export interface RawResource {
  framework: Framework
  /** `resource`, `data` (Terraform data sources), `provider`. */
  mode: 'resource' | 'data' | 'provider'
  type: string
  /** Terraform `aws_iam_role.app` (data: `data.aws_iam_policy_document.x`); CloudFormation the logical ID. */
  address: string
  /** The whole block / resource entry; findings about missing attributes point at its first line. */
  loc: SourceRange
  body: MapValue
  /** Suppressions attached to this resource or to one of its attributes. */
  suppressions: InlineSuppression[]
  /** True when one entry stands for several instances (Terraform count/for_each; CloudFormation Fn::ForEach over a collection the template does not determine): evaluated once, iterator unknown. */
  repeated?: boolean
  /**
   * A resource of a Terraform module instance: the module calls that lead to it, outermost first
   * (`module.roles["ops"]` and the line of its call). Extract passes them on as related locations.
   */
  via?: { address: string; loc: SourceRange }[]
  /** SAM functions: the template's evaluated `Globals`; the transform applies Globals.Api / HttpApi to the APIs it generates for their events. */
  samGlobals?: MapValue
}

/** A template parameter or Terraform input variable: secrets rules look at how it is declared. */
export interface RawInput {
  framework: Framework
  name: string
  loc: SourceRange
  /** CloudFormation `NoEcho`, Terraform `sensitive`. */
  hidden: boolean
  hiddenLoc?: SourceRange
  defaultValue?: StringValue
}

/** A literal string written in the source, with the key it was written under (for secret scanning anywhere). */
export interface RawLiteral {
  /** The attribute or map key the literal is the value of (`password`, `AWS_SECRET_ACCESS_KEY`), if any. */
  key?: string
  value: string
  loc: SourceRange
}

/** A value a unit gives a name without creating anything (a Terraform local or output): a policy written there is still judged. */
export interface RawNamedValue {
  /** `local.policy`, `output.policy_json`. */
  address: string
  /** The declaration (the local's attribute, the output block); findings about the value point inside it. */
  loc: SourceRange
  value: Value
  suppressions: InlineSuppression[]
}

/** What parsing one Terraform module directory, one CloudFormation template or one plan file yields. */
export interface ParsedUnit {
  framework: Framework
  /** Files that make up the unit, relative to the scan root. */
  files: string[]
  resources: RawResource[]
  inputs: RawInput[]
  literals: RawLiteral[]
  /** Locals and outputs, evaluated (absent where the framework has none). */
  namedValues?: RawNamedValue[]
  diagnostics: Diagnostic[]
}
