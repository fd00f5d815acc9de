import type { RawInput, RawLiteral } from '../types.js'
import { field, path, type MapValue, type Value } from '../value.js'
import { configurationModules } from './configuration.js'

/*
 * What a plan holds outside its planned resources: input variable declarations (with `sensitive` and
 * literal defaults), provider configuration, module call arguments and output expressions written as
 * constants, and the root module's variable values. Secrets rules read them as they read the HCL.
 */

/** Every module's `variable` declarations, named like resource addresses (`db_password`, `module.api.db_password`). */
export function planInputs(plan: MapValue): RawInput[] {
  return configurationModules(plan).flatMap(({ module, prefix }) => {
    const variables = field(module, 'variables')
    return (variables?.kind === 'map' ? variables.entries : []).map((declared): RawInput => {
      const input: RawInput = { framework: 'terraform', name: prefix + declared.key, loc: { ...declared.value.loc, startLine: declared.keyLoc.startLine }, hidden: false }
      const body = declared.value.kind === 'map' ? declared.value : undefined
      const sensitive = field(body, 'sensitive')
      if (sensitive) {
        input.hidden = sensitive.kind === 'bool' && sensitive.value
        input.hiddenLoc = sensitive.loc
      }
      const fallback = field(body, 'default')
      if (fallback?.kind === 'string') input.defaultValue = fallback
      return input
    })
  })
}

/** String constants written outside resources: provider arguments, module call arguments, outputs, variable defaults and root variable values. */
export function planDeclarationLiterals(plan: MapValue): RawLiteral[] {
  const literals: RawLiteral[] = []
  for (const provider of entriesOf(path(plan, 'configuration.provider_config'))) collectConstants(field(asMap(provider.value), 'expressions'), undefined, literals)
  for (const { module } of configurationModules(plan)) {
    for (const call of entriesOf(field(module, 'module_calls'))) collectConstants(field(asMap(call.value), 'expressions'), undefined, literals)
    for (const output of entriesOf(field(module, 'outputs'))) collectConstants(field(asMap(output.value), 'expression'), output.key, literals)
    for (const variable of entriesOf(field(module, 'variables'))) collectStrings(field(asMap(variable.value), 'default'), 'default', literals)
  }
  for (const variable of entriesOf(field(plan, 'variables'))) collectStrings(field(asMap(variable.value), 'value'), variable.key, literals)
  return literals
}

/** Expressions as the configuration writes them: `{ constant_value }` per attribute, nested blocks as lists of such maps. */
function collectConstants(expressions: Value | undefined, key: string | undefined, into: RawLiteral[]): void {
  if (expressions?.kind === 'list') for (const item of expressions.items) collectConstants(item, key, into)
  if (expressions?.kind !== 'map') return
  const constant = field(expressions, 'constant_value')
  if (constant) {
    collectStrings(constant, key, into)
    return
  }
  for (const member of expressions.entries) if (member.key !== 'references') collectConstants(member.value, member.key, into)
}

function collectStrings(value: Value | undefined, key: string | undefined, into: RawLiteral[]): void {
  if (value?.kind === 'string') into.push({ ...(key !== undefined && { key }), value: value.value, loc: value.loc })
  else if (value?.kind === 'list') for (const item of value.items) collectStrings(item, key, into)
  else if (value?.kind === 'map') for (const member of value.entries) collectStrings(member.value, member.key, into)
}

function entriesOf(value: Value | undefined) {
  return value?.kind === 'map' ? value.entries : []
}

function asMap(value: Value): MapValue | undefined {
  return value.kind === 'map' ? value : undefined
}
