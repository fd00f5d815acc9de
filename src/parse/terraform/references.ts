import type { SourceRange } from '../../model/source.js'
import type { Value } from '../value.js'
import { evaluateBlocks } from './body.js'
import { applySteps, evaluate } from './evaluate.js'
import { blockScope, isRepeated, remember, type Module, type Scope } from './module.js'
import { moduleInstances, outputsObject, outputValue } from './module-calls.js'
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
      return unknown(`${root} values are only known when Terraform runs`, loc, refOf(root, steps))
    case 'module':
      if (name === undefined) return unknown('the modules object is not evaluated', loc, 'module')
      return moduleReference(module, name, rest, loc, scope)
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
  // Inside a module instance a reference names the instance's own resource: `module.roles["ops"].aws_iam_role.this.arn`.
  const ref = module.prefix + refOf(address, steps.slice(index))
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

/**
 * `module.x.out`, `module.x["k"].out`, `module.x[0].out`: the output as the instance evaluates it, keeping
 * the lines where its value is written (in the module, or in the caller that passed it in).
 */
function moduleReference(module: Module, name: string, steps: Step[], loc: SourceRange, scope: Scope): Value {
  const address = `${module.prefix}module.${name}`
  const call = module.blocks.get(`module.${name}`)
  if (!call) return unknown(`module.${name} is not declared in this module`, loc, module.prefix + refOf(`module.${name}`, steps))
  const instances = moduleInstances(module, call)
  if (instances.length === 0) {
    if (isRepeated(call) && module.tree.children.has(moduleKey(module, name)) && 'dir' in module.tree.children.get(moduleKey(module, name))!) {
      return { kind: 'list', items: [], loc }
    }
    return unknown(`${address} is not read`, loc, `${address}${steps.length ? '.' : ''}${refOf('', steps).slice(1)}`)
  }
  let rest = steps
  let instance = instances[0]!
  if (isRepeated(call)) {
    const first = rest[0]
    if (first?.kind === 'index') {
      rest = rest.slice(1)
      if (!instance.repeated) {
        const key = evaluate(first.key, scope)
        if (key.kind === 'unknown') return unknown(`the instance key of ${address} is not known`, loc, address)
        const found = instances.find((i) => String(i.key) === String(key.kind === 'string' || key.kind === 'number' ? key.value : ''))
        if (!found) return failure(`${address} has no instance ${JSON.stringify(key.kind === 'string' || key.kind === 'number' ? key.value : key.kind)}`, loc)
        instance = found
      }
    } else if (!instance.repeated) {
      // The call used whole: its instances by key (for_each) or as a list (count).
      const byKey = instances.map((i) => ({ key: String(i.key), keyLoc: loc, value: outputsObject(i.module, loc) }))
      const whole: Value = typeof instances[0]!.key === 'number' ? { kind: 'list', items: byKey.map((e) => e.value), loc } : { kind: 'map', entries: byKey, loc }
      return applySteps(whole, rest, scope, loc)
    } else return unknown(`the instances of ${address} are not known`, loc, address)
  }
  const [first, ...after] = rest
  const output = first ? stepName(first) : undefined
  if (output === undefined) return applySteps(outputsObject(instance.module, loc), rest, scope, loc)
  const value = outputValue(instance.module, output)
  if (!value) return failure(`module.${name} has no output "${output}"`, loc)
  return applySteps(keepOrSetRef(value, `${instance.module.prefix.slice(0, -1)}.${output}`), after, scope, loc)
}

function moduleKey(module: Module, name: string): string {
  return module.key ? `${module.key}.${name}` : name
}

/** A top-level attribute of a block, evaluated once in the block's scope. */
function attributeValue(module: Module, block: Block, written: Attribute): Value {
  return remember(module, written, () => evaluate(written.value, blockScope(module, block)), written.value.range)
}

function variableValue(module: Module, name: string, loc: SourceRange): Value {
  const declared = module.variables.get(name)
  if (!declared) return failure(`variable "${name}" is not declared`, loc)
  const given = declared.given
  // A caller's argument wins over the default, even null (as Terraform: null means "unset" only for non-nullable variables).
  if (given) return remember(module, declared, () => evaluate(given.expr, given.scope), loc)
  if (declared.preset) return declared.preset
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
