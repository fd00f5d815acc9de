import { emptyModel, type AwsModel } from '../model/aws.js'
import { attr } from '../model/source.js'
import type { Diagnostic, ParsedUnit } from '../parse/types.js'
import { createContext } from './context.js'
import { readWrittenDocument } from './policy-document.js'
import { cloudformationHandlers } from './cloudformation/index.js'
import { terraformHandlers } from './terraform/index.js'

export interface Extracted {
  model: AwsModel
  /** Values extract needed and could not determine (policygate/unresolved), and documents it could not read. */
  diagnostics: Diagnostic[]
}

/** Every parsed unit (Terraform modules, templates, plans) into one provider-neutral model. */
export function extractModel(units: ParsedUnit[]): Extracted {
  const model = emptyModel()
  const context = createContext(model)
  for (const unit of units) {
    const handlers = unit.framework === 'terraform' ? terraformHandlers : cloudformationHandlers
    context.enterUnit(unit.files)
    for (const resource of unit.resources) {
      // Data sources mostly read existing infrastructure, which the change is not responsible for; the few
      // that compute what the code writes (a policy document) have handlers of their own, `data.<type>`.
      const handlerKey = resource.mode === 'resource' ? resource.type : resource.mode === 'data' ? `data.${resource.type}` : undefined
      for (const handle of (handlerKey && handlers.get(handlerKey)) || []) {
        try {
          handle(resource, context)
        } catch (error) {
          // One resource the model cannot take is that resource's problem, not the scan's.
          context.diagnostics.push({ kind: 'parse-error', message: `${resource.address} could not be read: ${error instanceof Error ? error.message : String(error)}`, loc: resource.loc })
        }
      }
    }
    for (const named of unit.namedValues ?? []) {
      const owner = { address: named.address, sourceType: named.address.split('.')[0]!, loc: named.loc, suppressions: named.suppressions }
      readWrittenDocument(named.value, owner, context)
    }
    for (const input of unit.inputs) {
      const meta = { address: input.name, sourceType: input.framework === 'terraform' ? 'variable' : 'Parameter', loc: input.loc, suppressions: [] }
      model.secrets.inputs.push({
        loc: input.loc,
        name: input.name,
        meta,
        hidden: attr(input.hidden, input.hiddenLoc ?? input.loc, input.hiddenLoc !== undefined),
        defaultValue: input.defaultValue ? attr(input.defaultValue.value, input.defaultValue.loc) : undefined,
      })
    }
    for (const literal of unit.literals) model.secrets.literals.push({ key: literal.key, value: attr(literal.value, literal.loc) })
  }
  context.runDeferred()
  return { model, diagnostics: context.diagnostics }
}
