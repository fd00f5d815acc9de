import type { WafRule, WebAcl } from '../../model/aws.js'
import { Unknown, attr, firstLine, type Attr } from '../../model/source.js'
import type { RawResource } from '../../parse/types.js'
import { entry, field, path, type Value } from '../../parse/value.js'
import type { Handler } from '../context.js'
import { readingProperties } from './declaration.js'
import { items, metaOf, nested, requiredString } from '../values.js'
import { linkLoggingConfiguration, linkWebAclAssociation } from '../wafv2-links.js'

/** `DefaultAction: { Allow: {} }` → `allow` at the `Allow` key. */
function defaultActionOf(resource: RawResource): Attr<string> {
  const map = field(resource.body, 'DefaultAction')
  if (map?.kind !== 'map') return attr<string>(new Unknown('DefaultAction is not set'), map?.loc ?? firstLine(resource.loc), map !== undefined)
  for (const action of ['Allow', 'Block']) {
    const found = entry(map, action)
    if (found) return attr(action.toLowerCase(), found.keyLoc)
  }
  return attr<string>(new Unknown('DefaultAction has neither Allow nor Block'), map.loc)
}

function ruleOf(resource: RawResource, value: Value): WafRule {
  const view = nested(resource, value)
  if (!view) {
    const unknown = attr<string>(new Unknown('rule is not a literal map'), value.loc)
    return { loc: value.loc, name: unknown, managedRuleGroup: { vendor: unknown, name: unknown } }
  }
  const managed = nested(resource, path(value, 'Statement.ManagedRuleGroupStatement'))
  return {
    loc: value.loc,
    name: requiredString(view, 'Name'),
    managedRuleGroup: managed && { vendor: requiredString(managed, 'VendorName'), name: requiredString(managed, 'Name') },
  }
}

const webAcl: Handler = (resource, context) => {
  const acl: WebAcl = {
    meta: metaOf(resource),
    name: requiredString(resource, 'Name'),
    defaultAction: defaultActionOf(resource),
    rules: items(field(resource.body, 'Rules')).map((value) => ruleOf(resource, value)),
    loggingConfigured: attr(false, firstLine(resource.loc), false),
    protectsApi: false,
  }
  context.model.wafv2.webAcls.push(acl)
  context.register('webAcl', resource.address, acl)
}

const association: Handler = (resource, context) => {
  linkWebAclAssociation(context, {
    meta: metaOf(resource),
    resourceArn: requiredString(resource, 'ResourceArn'),
    webAclArn: requiredString(resource, 'WebACLArn'),
  }, field(resource.body, 'ResourceArn'), field(resource.body, 'WebACLArn'))
}

const loggingConfiguration: Handler = (resource, context) => {
  linkLoggingConfiguration(context, field(resource.body, 'ResourceArn'))
}

export const handlers: Record<string, Handler> = readingProperties({
  'AWS::WAFv2::WebACL': webAcl,
  'AWS::WAFv2::WebACLAssociation': association,
  'AWS::WAFv2::LoggingConfiguration': loggingConfiguration,
})
