import type { Handler } from '../context.js'
import { field } from '../../parse/value.js'

/**
 * The CloudFormation parser hands over each resource's whole declaration (Type, Properties, Metadata…);
 * these handlers read properties, so they get `Properties` as the body (an empty map when absent).
 */
export function readingProperties(table: Record<string, Handler>): Record<string, Handler> {
  return Object.fromEntries(Object.entries(table).map(([type, handler]): [string, Handler] => [type, (resource, context) => {
    const declared = field(resource.body, 'Type')
    if (declared?.kind !== 'string' || declared.value !== resource.type) return handler(resource, context)
    const properties = field(resource.body, 'Properties')
    handler({ ...resource, body: properties?.kind === 'map' ? properties : { kind: 'map', loc: resource.loc, entries: [] } }, context)
  }]))
}
