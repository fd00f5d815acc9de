import { emptyModel, type AwsModel } from '../model/aws.js'
import { attr } from '../model/source.js'
import type { Diagnostic, ParsedUnit } from '../parse/types.js'
import { createContext } from './context.js'
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
      // Data sources read existing infrastructure; they create nothing the change is responsible for.
      if (resource.mode !== 'resource') continue
      for (const handle of handlers.get(resource.type) ?? []) handle(resource, context)
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
