import type { RawResource } from '../../parse/types.js'
import { field } from '../../parse/value.js'
import type { ExtractContext, Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { listItems } from '../identity.js'
import { addScp, scpTarget } from '../scp.js'
import { metaOf, optionalString } from '../values.js'

/** Only service control policies (Type is required): tag, backup and AI opt-out policies are not IAM documents. */
function policy(resource: RawResource, context: ExtractContext): void {
  if (optionalString(resource, 'Type')?.value !== 'SERVICE_CONTROL_POLICY') return
  const scp = addScp(context, metaOf(resource), field(resource.body, 'Name'), field(resource.body, 'Content'), 'CloudFormation')
  for (const target of listItems(field(resource.body, 'TargetIds'))) scp?.targets.push(scpTarget(target, target.loc))
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::Organizations::Policy': policy,
})
