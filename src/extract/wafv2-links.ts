import type { RestStage, WebAcl, WebAclAssociation } from '../model/aws.js'
import { Unknown, attr, isKnown } from '../model/source.js'
import type { Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { moduleLocalRef } from './references.js'

/*
 * Framework-neutral WAFv2 joins: which REST stages a web ACL protects, and which ACLs have logging.
 * A target that cannot be resolved makes the answer unknown for every stage it may name, never a guess.
 */

/** What an ARN attribute points at: a REST stage, something that is certainly not one, or cannot tell. */
type TargetKind = 'api' | 'other' | 'unknown'

const REST_STAGE_ARN = /:apigateway:[^:]*::\/restapis\/[^/]+\/stages\/([^/]+)$/

function targetKind(value: Value): TargetKind {
  if (value.kind === 'string' && !value.ref) return REST_STAGE_ARN.test(value.value) ? 'api' : value.value.startsWith('arn:') ? 'other' : 'unknown'
  const ref = value.ref === undefined ? undefined : moduleLocalRef(value.ref)
  // Terraform references name their resource type; CloudFormation logical IDs and variables do not.
  if (ref?.startsWith('aws_api_gateway_')) return 'api'
  if (ref?.startsWith('aws_')) return 'other'
  return 'unknown'
}

/**
 * The stages an association that resolved to none of them may still protect. A literal stage ARN names
 * its stage (the API ID is assigned by AWS, so only the stage name tells): stages of another name are
 * not it, wherever they are. Anything else (a reference to what the scan does not declare, a variable)
 * stays inside its unit, as references do.
 */
function possibleTargets(context: ExtractContext, resourceArn: Value): RestStage[] {
  const stages = context.all<RestStage>('restStage')
  const named = resourceArn.kind === 'string' && !resourceArn.ref ? REST_STAGE_ARN.exec(resourceArn.value) : null
  if (named) return stages.filter((stage) => !isKnown(stage.name) || stage.name.value === named[1])
  const unit = context.unitOf(resourceArn.loc.file)
  return unit === undefined ? stages : stages.filter((stage) => context.unitOf(stage.meta.loc.file) === unit)
}

export function linkWebAclAssociation(context: ExtractContext, association: WebAclAssociation, resourceArn: Value | undefined, webAclArn: Value | undefined): void {
  context.model.wafv2.associations.push(association)
  context.afterAll(() => {
    const acl = context.lookup<WebAcl>('webAcl', webAclArn)
    association.webAcl = acl
    if (!resourceArn) return
    const stage = context.lookup<RestStage>('restStage', resourceArn)
    const kind = stage ? 'api' : targetKind(resourceArn)
    if (acl && kind === 'api') acl.protectsApi = true
    if (stage) {
      stage.webAclAssociated = attr(true, resourceArn.loc)
      return
    }
    if (kind === 'other') return
    // After every resolved association has run, so a stage proven protected stays protected.
    context.afterAll(() => {
      for (const candidate of possibleTargets(context, resourceArn)) {
        if (candidate.webAclAssociated.value !== true) candidate.webAclAssociated = attr<boolean>(new Unknown('a web ACL association targets a resource that could not be resolved', resourceArn.ref), resourceArn.loc, false)
      }
    })
  })
}

/** aws_wafv2_web_acl_logging_configuration / AWS::WAFv2::LoggingConfiguration, keyed by the ACL's ARN. */
export function linkLoggingConfiguration(context: ExtractContext, resourceArn: Value | undefined): void {
  context.afterAll(() => {
    if (!resourceArn) return
    const acl = context.lookup<WebAcl>('webAcl', resourceArn)
    if (acl) {
      acl.loggingConfigured = attr(true, resourceArn.loc)
      return
    }
    context.afterAll(() => {
      for (const candidate of possibleAcls(context, resourceArn)) {
        if (candidate.loggingConfigured.value !== true) candidate.loggingConfigured = attr<boolean>(new Unknown('a logging configuration targets a web ACL that could not be resolved', resourceArn.ref), resourceArn.loc, false)
      }
    })
  })
}

const WEB_ACL_ARN = /:wafv2:[^:]*:[^:]*:(?:regional|global)\/webacl\/([^/]+)\/[^/]+$/

/** The web ACLs an unresolved logging configuration may name: by the name in a literal ARN, else those of its own unit. */
function possibleAcls(context: ExtractContext, resourceArn: Value): WebAcl[] {
  const acls = context.all<WebAcl>('webAcl')
  const named = resourceArn.kind === 'string' && !resourceArn.ref ? WEB_ACL_ARN.exec(resourceArn.value) : null
  if (named) return acls.filter((acl) => !isKnown(acl.name) || acl.name.value === named[1])
  const unit = context.unitOf(resourceArn.loc.file)
  return unit === undefined ? acls : acls.filter((acl) => context.unitOf(acl.meta.loc.file) === unit)
}
