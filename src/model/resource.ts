import type { SourceRange } from './source.js'

/** An inline suppression written next to the code: `# policygate:ignore <rule> <reason> [until YYYY-MM-DD]` or CloudFormation `Metadata.policygate.ignore`. */
export interface InlineSuppression {
  /** A policygate rule ID or `area/*`; with `foreign`, the other tool's check ID (`CKV_AWS_36`, `AVD-AWS-0016`). */
  ruleId: string
  /** Written for Checkov (`#checkov:skip=CKV_AWS_36:reason`, `Metadata.checkov.skip`) or Trivy (`#trivy:ignore:AVD-AWS-0016`): the rulebook maps it to policygate rules. */
  foreign?: 'checkov' | 'trivy'
  reason?: string
  /** YYYY-MM-DD */
  until?: string
  loc: SourceRange
}

/** Identity of a model object: which resource of the source it is, and where. */
export interface ResourceMeta {
  /** `aws_iam_role.app`, `module.x.aws_iam_role.app` (plan), or a CloudFormation logical ID. Stable across line moves: used in fingerprints. */
  address: string
  /** The framework's type name, for display only (`aws_iam_role`, `AWS::IAM::Role`). Rules never branch on it. */
  sourceType: string
  /** The whole resource; findings about a missing attribute point at `loc.startLine`. */
  loc: SourceRange
  suppressions: InlineSuppression[]
  /**
   * Where else the resource is made, when its values may be written elsewhere (a Terraform module instance:
   * the resource in the module, then each call leading to it). A finding lists those not at its own line.
   */
  related?: { loc: SourceRange; message: string }[]
}
