import { emptyModel, type AwsModel } from '../model/aws.js'
import { attr } from '../model/source.js'
import type { Diagnostic, ParsedUnit, RawResource } from '../parse/types.js'
import { field } from '../parse/value.js'
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
      if (resource.mode === 'module') noteRemoteModule(resource, context.diagnostics)
      // Data sources read existing infrastructure; they create nothing the change is responsible for.
      if (resource.mode !== 'resource') continue
      for (const handle of handlers.get(resource.type) ?? []) {
        try {
          handle(resource, context)
        } catch (error) {
          // One resource the model cannot take is that resource's problem, not the scan's.
          context.diagnostics.push({ kind: 'parse-error', message: `${resource.address} could not be read: ${error instanceof Error ? error.message : String(error)}`, loc: resource.loc })
        }
      }
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

/** A module from a registry or a remote repository is not in the scan: say so rather than look complete. */
function noteRemoteModule(call: RawResource, diagnostics: Diagnostic[]): void {
  const source = field(call.body, 'source')
  if (source?.kind !== 'string' || source.value.startsWith('./') || source.value.startsWith('../')) return
  diagnostics.push({
    kind: 'unresolved',
    message: `${call.address}: its source ${source.value} is outside the repository, so the resources it creates are not checked`,
    loc: source.loc,
  })
}
