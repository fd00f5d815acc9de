import type { Scp, ScpTarget } from '../model/aws.js'
import type { ResourceMeta } from '../model/resource.js'
import type { SourceRange } from '../model/source.js'
import type { Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { nameOr } from './identity.js'
import { readPolicyDocument } from './policy-document.js'
import { toString } from './values.js'

/** Framework-neutral service control policies and their targets. */

export function addScp(context: ExtractContext, meta: ResourceMeta, name: Value | undefined, content: Value | undefined, generatedBy: string): Scp | undefined {
  const document = readPolicyDocument(content, 'scp', meta, context)
  if (!document) return undefined
  const scp: Scp = { meta, name: nameOr(name, meta, generatedBy), document, targets: [] }
  context.model.organizations.scps.push(scp)
  context.register('scp', meta.address, scp, typeof scp.name.value === 'string' ? [scp.name.value] : [])
  return scp
}

const ROOT_ID = /^r-[0-9a-z]{4,32}$/
/** `aws_organizations_organization.org.roots[0].id`, `data.aws_organizations_organization.this.roots.0.id`, `!GetAtt Org.RootId`. */
const ROOT_REFERENCE = /(^|\.)roots([.[]|$)|\.RootId$/

export function scpTarget(target: Value, loc: SourceRange): ScpTarget {
  const literalRoot = target.kind === 'string' && ROOT_ID.test(target.value)
  return { loc, targetId: toString(target), isRoot: literalRoot || ROOT_REFERENCE.test(target.ref ?? '') }
}

/** Adds a target to the SCP `policy` names, once every resource is known. */
export function joinScpTarget(context: ExtractContext, policy: Value | undefined, target: ScpTarget): void {
  context.afterAll(() => context.lookup<Scp>('scp', policy)?.targets.push(target))
}
