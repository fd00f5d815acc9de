import type { SourceRange } from '../../model/source.js'
import type { Value } from '../value.js'
import { evaluateBlocks } from './body.js'
import { applySteps, evaluate } from './evaluate.js'
import { blockScope, remember, type Module, type Scope } from './module.js'
import { policyDocument } from './policy-document.js'
import { attribute, type Attribute, type Block, type Step } from './syntax.js'
import { failure, stringValue, unknown, withRef } from './values.js'

/** A name and the steps after it: `var.x`, `local.y`, `aws_iam_role.app.name`, `data.aws_iam_policy_document.x.json`, or a bound iterator. */
export function resolveReference(root: string, steps: Step[], loc: SourceRange, scope: Scope): Value {
  const bound = scope.names?.get(root)
  if (bound) return applySteps(bound, steps, scope, loc)
  if (scope.template) {
    if (!scope.template.variablesKnown) return unknown('the templatefile() variables are not known', loc, root)
    return failure(`"${root}" is not a variable of this template`, loc)
  }
  const module = scope.module
  const [first, ...rest] = steps
  const name = first ? stepName(first) : undefined
  switch (root) {
    case 'var':
      if (name === undefined) return unknown('the variables object is not evaluated', loc, 'var')
      return applySteps(keepOrSetRef(variableValue(module, name, loc), `var.${name}`), rest, scope, loc)
    case 'local':
      if (name === undefined) return unknown('the locals object is not evaluated', loc, 'local')
      return applySteps(keepOrSetRef(localValue(module, name, loc), `local.${name}`), rest, scope, loc)
    case 'path':
      // Each module directory is evaluated as a root module: file paths are relative to it.
      if (name === 'module' || name === 'root') return applySteps(stringValue('.', loc), rest, scope, loc)
      return unknown(`path.${name ?? ''} depends on where Terraform runs`, loc, refOf(root, steps))
    case 'count':
    case 'each':
    case 'self':
      return unknown(`${root} is only known inside a repeated block`, loc, refOf(root, steps))
    case 'terraform':
    case 'module':
      return unknown(`${root} values are only known when Terraform runs`, loc, refOf(root, steps))
    case 'data': {
      const dataName = steps[1] ? stepName(steps[1]) : undefined
      if (name === undefined || dataName === undefined) return unknown('a data source reference is incomplete', loc, refOf(root, steps))
      return blockReference(module, `data.${name}.${dataName}`, steps.slice(2), loc, scope)
    }
    default:
      if (name === undefined) return unknown(`"${root}" is not evaluated`, loc, refOf(root, steps))
      return blockReference(module, `${root}.${name}`, rest, loc, scope)
  }
}

/** What a reference says about another block: an attribute written there, a nested block, a policy document's JSON; else unknown with the reference. */
function blockReference(module: Module, address: string, steps: Step[], loc: SourceRange, scope: Scope): Value {
  // `aws_iam_role.app[0].name` and `aws_iam_role.app["k"].name`: every instance is the one evaluated block.
  let index = 0
  while (steps[index]?.kind === 'index') index++
  if (steps[index]?.kind === 'splat') return unknown('a splat over instances is not evaluated', loc, refOf(address, steps.slice(index + 1)))
  const [first, ...rest] = steps.slice(index)
  const ref = refOf(address, steps.slice(index))
  const block = module.blocks.get(address)
  const name = first ? stepName(first) : undefined
  if (!block || name === undefined) return unknown(`${address} is not declared in this module`, loc, ref)
  if (address.startsWith('data.aws_iam_policy_document.') && (name === 'json' || name === 'minified_json')) {
    return withRef(applySteps(policyDocument(module, block), rest, scope, loc), ref)
  }
  const written = attribute(block.body, name)
  if (written) return withRef(applySteps(attributeValue(module, block, written), rest, scope, loc), ref)
  const nested = block.body.blocks.filter((b) => b.type === name)
  if (nested.length > 0) return withRef(applySteps(evaluateBlocks(nested, blockScope(module, block)), rest, scope, loc), ref)
  return unknown(`${ref} is computed by the provider`, loc, ref)
}

/** A top-level attribute of a block, evaluated once in the block's scope. */
function attributeValue(module: Module, block: Block, written: Attribute): Value {
  return remember(module, written, () => evaluate(written.value, blockScope(module, block)), written.value.range)
}

function variableValue(module: Module, name: string, loc: SourceRange): Value {
  const declared = module.variables.get(name)
  if (!declared) return failure(`variable "${name}" is not declared`, loc)
  const assigned = declared.assigned
  if (assigned) return remember(module, assigned, () => evaluate(assigned, { module }), loc)
  const fallback = attribute(declared.block.body, 'default')
  if (fallback) return remember(module, fallback, () => evaluate(fallback.value, { module }), loc)
  return unknown(`variable "${name}" has no default and no value in a variables file`, loc, `var.${name}`)
}

function localValue(module: Module, name: string, loc: SourceRange): Value {
  const local = module.locals.get(name)
  if (!local) return failure(`local "${name}" is not declared`, loc)
  return remember(module, local, () => evaluate(local.value, { module }), loc)
}

/** Variables and locals pass a value on: a reference it already carries (to a resource) says more than theirs. */
function keepOrSetRef(value: Value, ref: string): Value {
  return value.ref ? value : withRef(value, ref)
}

function stepName(step: Step): string | undefined {
  if (step.kind === 'attr') return step.name
  if (step.kind === 'index' && step.key.kind === 'literal' && typeof step.key.value === 'string') return step.key.value
  return undefined
}

/** The dotted reference a value came from, instance keys left out: `aws_iam_role.app.arn`. */
function refOf(root: string, steps: Step[]): string {
  const names = steps.map(stepName).filter((n): n is string => n !== undefined)
  return [root, ...names].join('.')
}
