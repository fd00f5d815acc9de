import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { addScp, joinScpTarget, scpTarget } from '../scp.js'
import { metaOf, optionalString } from '../values.js'

/** Only service control policies: tag, backup and AI opt-out policies are not IAM documents. */
function policy(resource: RawResource, context: ExtractContext): void {
  const type = optionalString(resource, 'type')?.value ?? 'SERVICE_CONTROL_POLICY'
  if (type !== 'SERVICE_CONTROL_POLICY') return
  addScp(context, metaOf(resource), field(resource.body, 'name'), field(resource.body, 'content'), 'the AWS provider')
}

function attachment(resource: RawResource, context: ExtractContext): void {
  const target = field(resource.body, 'target_id')
  if (target) joinScpTarget(context, field(resource.body, 'policy_id'), scpTarget(target, resource.loc))
}

export const handlers: Record<string, Handler> = {
  aws_organizations_policy: policy,
  aws_organizations_policy_attachment: attachment,
}
