import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseHclFile } from '../../src/parse/terraform/hcl-syntax.js'
import { parseTerraformModule } from '../../src/parse/terraform/index.js'
import { addressOf } from '../../src/parse/terraform/module.js'
import type { Block, Body, Expr, Step } from '../../src/parse/terraform/syntax.js'
import { isWhollyKnown, toPlainJson } from '../../src/parse/value.js'
import { terraformParser } from '../../src/parse/terraform/wasm.js'
import type { RawResource } from '../../src/parse/types.js'
import { field, type MapValue, type Value } from '../../src/parse/value.js'
import { createRepoReader } from '../../src/sources/reader.js'

/*
 * The plan JSON `terraform show -json` prints for a Terraform example, built from our own evaluation of
 * the HCL: planned values with unknowns left out and marked in after_unknown, policy documents as the JSON
 * strings Terraform renders, and the configuration's expression references. Faithful where the rules look;
 * where Terraform needs a provider schema (computed attributes, defaults, nulls for absent optional
 * attributes), only what the configuration writes is planned, plus `id`/`arn` as known after apply.
 */

export interface PlanOptions {
  /** Put every resource in this child module (`module.<name>`), as a module call from the root. */
  module?: string
  /** Values for the root module's variables, as `-var` gives them: a plan always has one for each variable without a default. */
  variables?: Record<string, string>
  /** Arguments of each resource type, as a provider schema knows them: unset ones are planned as Terraform prints them, null (attributes) or [] (blocks). */
  schema?: ArgumentSchema
}

/** Resource type → argument name → whether it is an attribute or a nested block. */
export type ArgumentSchema = Map<string, Map<string, 'attribute' | 'block'>>

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** After one conversion: the planned JSON (UNKNOWN when known only after apply) and its after_unknown mark. */
interface Planned {
  after: Json | typeof UNKNOWN
  unknown: Json
}

const UNKNOWN = Symbol('known after apply')
const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection'])
/** Functions whose result is a string: a map or list our evaluator gives for them is JSON text Terraform would render. */
const STRING_FUNCTIONS = new Set(['jsonencode', 'templatefile', 'file', 'format', 'join', 'replace', 'trimspace', 'chomp', 'tostring', 'yamlencode', 'base64encode'])
const POLICY_DOCUMENT_LISTS = ['Action', 'NotAction', 'Resource', 'NotResource']

export async function planFromHcl(hcl: string, options: PlanOptions = {}): Promise<Record<string, Json>> {
  const syntax = parseHclFile(await terraformParser(), 'main.tf', hcl).file
  if (!syntax) throw new Error('the example does not parse as HCL')
  const emptyRoot = mkdtempSync(join(tmpdir(), 'policygate-plan-'))
  let resources: RawResource[]
  try {
    const given = Object.entries(options.variables ?? {}).map(([name, value]) => `${name} = ${JSON.stringify(value)}\n`)
    const files = [{ path: 'main.tf', text: hcl }, ...(given.length > 0 ? [{ path: 'terraform.tfvars', text: given.join('') }] : [])]
    resources = (await parseTerraformModule({ dir: '.', files, reader: createRepoReader(emptyRoot) })).resources
  } finally {
    rmSync(emptyRoot, { recursive: true, force: true })
  }
  const blocks = new Map(syntax.body.blocks.flatMap((block) => (addressOf(block) ? [[addressOf(block)!, block] as const] : [])))
  const locals = new Map(syntax.body.blocks.filter((b) => b.type === 'locals').flatMap((b) => b.body.attributes.map((a) => [a.name, a.value] as const)))
  const prefix = options.module ? `module.${options.module}.` : ''
  const context: Context = { locals }

  const managed = resources.filter((r) => r.mode === 'resource').map((resource) => plannedResource(resource, blocks.get(resource.address)!, prefix, context, options.schema))
  const providers = resources.filter((r) => r.mode === 'provider').map((r) => blocks.get(r.address)!)
  const variables = syntax.body.blocks.filter((b) => b.type === 'variable' && b.labels[0])

  const policyDocuments = resources.flatMap((r) => (r.mode === 'data' && r.type === 'aws_iam_policy_document' ? readPolicyDocument(r, prefix) : []))
  const plannedModule = { resources: managed.map((m) => m.planned) }
  const configModule = { resources: managed.map((m) => m.configuration), variables: Object.fromEntries(variables.map((v) => [v.labels[0]!, variableConfiguration(v)])) }
  const providerConfig = Object.fromEntries(
    providers.map((block) => [
      (options.module ? `module.${options.module}:` : '') + block.labels[0]!,
      { name: block.labels[0]!, full_name: `registry.terraform.io/hashicorp/${block.labels[0]}`, ...(options.module && { module_address: `module.${options.module}` }), expressions: expressionsOf(block.body) },
    ]),
  )
  const rootVariables = Object.fromEntries(
    Object.entries(configModule.variables).flatMap(([name, declared]) => {
      const value = options.variables?.[name] ?? declared.default
      return !options.module && value !== undefined ? [[name, { value }]] : []
    }),
  )
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    ...(Object.keys(rootVariables).length > 0 && { variables: rootVariables }),
    planned_values: {
      root_module: options.module ? { child_modules: [{ address: `module.${options.module}`, ...plannedModule }] } : plannedModule,
    },
    resource_changes: managed.map((m) => m.change),
    // Data sources read while planning are in the state the plan starts from, not in planned_values.
    ...(policyDocuments.length > 0 && {
      prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: options.module ? { child_modules: [{ address: `module.${options.module}`, resources: policyDocuments }] } : { resources: policyDocuments } } },
    }),
    configuration: {
      ...(providers.length > 0 && { provider_config: providerConfig }),
      root_module: options.module ? { module_calls: { [options.module]: { source: `./modules/${options.module}`, module: configModule } } } : configModule,
    },
  }
}

/** An aws_iam_policy_document Terraform reads while planning, with the `json` it computes; one with unknowns is read at apply, so it is not in prior_state. */
function readPolicyDocument(resource: RawResource, prefix: string): Json[] {
  const document = field(resource.body, 'json')
  if (!document || !isWhollyKnown(document)) return []
  const [, type, name] = resource.address.split('.') as [string, string, string]
  const json = JSON.stringify(providerPolicy(toPlainJson(document) as Record<string, Json>), null, 2)
  return [{ address: `${prefix}${resource.address}`, mode: 'data', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { id: '1234567890', json, minified_json: JSON.stringify(JSON.parse(json)) }, sensitive_values: {} }]
}

/** The plan as `terraform show -json | jq .` prints it. */
export function planText(plan: Record<string, Json>): string {
  return `${JSON.stringify(plan, null, 2)}\n`
}

interface Context {
  locals: Map<string, Expr>
}

function plannedResource(resource: RawResource, block: Block, prefix: string, context: Context, schema: ArgumentSchema | undefined) {
  const [type, name] = block.labels as [string, string]
  const index = instanceKey(resource)
  const address = `${prefix}${resource.address}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`
  const body = plannedBody(resource.body, block.body, context, true)
  // Every AWS resource has an id, and most an arn, that only apply can tell.
  const after = { ...(body.after as Record<string, Json>) }
  const unknown: Record<string, Json> = { id: true, ...(type.startsWith('aws_') && { arn: true }), ...(body.unknown as Record<string, Json>) }
  for (const computed of Object.keys(unknown)) if (unknown[computed] === true) delete after[computed]
  for (const [argument, kind] of schema?.get(type) ?? []) if (!(argument in after) && !(argument in unknown)) after[argument] = kind === 'block' ? [] : null
  const identity = { address, ...(prefix && { module_address: prefix.slice(0, -1) }), mode: 'managed', type, name, ...(index !== undefined && { index }), provider_name: `registry.terraform.io/hashicorp/${type.split('_')[0]}` }
  return {
    planned: { ...identity, schema_version: 0, values: after, sensitive_values: {} },
    change: { ...identity, change: { actions: ['create'], before: null, after, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } },
    configuration: {
      address: resource.address,
      mode: 'managed',
      type,
      name,
      provider_config_key: type.split('_')[0]!,
      expressions: expressionsOf(block.body),
      schema_version: 0,
      ...(expressionOf(block.body, 'count') && { count_expression: expressionOf(block.body, 'count') }),
      ...(expressionOf(block.body, 'for_each') && { for_each_expression: expressionOf(block.body, 'for_each') }),
    },
  }
}

/** A repeated resource is planned as its first instance: count index 0, or the first for_each key when the source determines it. */
function instanceKey(resource: RawResource): number | string | undefined {
  if (field(resource.body, 'count')) return 0
  const forEach = field(resource.body, 'for_each')
  if (!forEach) return undefined
  if (forEach.kind === 'map' && forEach.entries[0]) return forEach.entries[0].key
  if (forEach.kind === 'list' && forEach.items[0]?.kind === 'string') return forEach.items[0].value
  return 'key'
}

/** A body's attributes and nested blocks as planned JSON; `syntax` tells which attributes Terraform renders as JSON text. */
function plannedBody(value: MapValue, syntax: Body | undefined, context: Context, topLevel = false): Planned {
  const after: Record<string, Json> = {}
  const unknown: Record<string, Json> = {}
  for (const { key, value: member } of value.entries) {
    if (topLevel && META_ARGUMENTS.has(key)) continue
    const written = syntax?.attributes.find((a) => a.name === key)
    const nested = syntax?.blocks.filter((b) => b.type === key)
    const planned = written ? plannedAttribute(member, written.value, context) : plannedBlocks(member, nested, context)
    if (planned.after !== UNKNOWN) after[key] = planned.after
    if (planned.unknown !== false) unknown[key] = planned.unknown
  }
  return { after, unknown }
}

function plannedBlocks(value: Value, syntax: Block[] | undefined, context: Context): Planned {
  if (value.kind !== 'list') return planned(value)
  // A dynamic block's elements are not the written ones: read them without syntax.
  const bySyntax = syntax && syntax.length === value.items.length ? syntax : undefined
  const items = value.items.map((item, i) => (item.kind === 'map' ? plannedBody(item, bySyntax?.[i]?.body, context) : planned(item)))
  return { after: items.map((item) => (item.after === UNKNOWN ? null : item.after)), unknown: items.map((item) => item.unknown) }
}

function plannedAttribute(value: Value, expr: Expr, context: Context): Planned {
  const rendering = textRendering(expr, context)
  if (!rendering || (value.kind !== 'map' && value.kind !== 'list')) return planned(value)
  // Terraform renders JSON only from wholly known values: one unknown inside makes the whole string unknown.
  if (!isWhollyKnown(value)) return { after: UNKNOWN, unknown: true }
  const json = rendering === 'policy-json' ? providerPolicy(toPlainJson(value) as Record<string, Json>) : (toPlainJson(value) as Json)
  return { after: rendering === 'policy-json' ? JSON.stringify(json, null, 2) : JSON.stringify(json), unknown: false }
}

/** How Terraform renders an expression our evaluator may give as a structure: as minified JSON, the policy document data source's `json`, or not as text. */
function textRendering(expr: Expr, context: Context, seen = new Set<string>()): 'json' | 'policy-json' | undefined {
  switch (expr.kind) {
    case 'call':
      return STRING_FUNCTIONS.has(expr.name) ? 'json' : undefined
    case 'template':
    case 'literal':
      return 'json'
    case 'conditional':
      return textRendering(expr.then, context, seen) ?? textRendering(expr.otherwise, context, seen)
    case 'traverse': {
      const names = traversalNames(expr)
      if (names[0] === 'data' && names[1] === 'aws_iam_policy_document') return names[3] === 'json' ? 'policy-json' : names[3] === 'minified_json' ? 'json' : undefined
      const local = names[0] === 'local' && names.length === 2 ? context.locals.get(names[1]!) : undefined
      if (!local || seen.has(names[1]!)) return undefined
      return textRendering(local, context, new Set([...seen, names[1]!]))
    }
    default:
      return undefined
  }
}

/** The aws_iam_policy_document data source prints one-element lists as a single string. */
function providerPolicy(document: Record<string, Json>): Json {
  const statements = Array.isArray(document.Statement) ? document.Statement : []
  return {
    ...document,
    Statement: statements.map((statement) => {
      if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return statement
      const printed: Record<string, Json> = { ...statement }
      for (const key of POLICY_DOCUMENT_LISTS) if (Array.isArray(printed[key]) && printed[key].length === 1) printed[key] = printed[key][0]!
      return printed
    }),
  }
}

/** Any value as planned JSON: unknowns left out of objects, null in lists, and marked in after_unknown as Terraform does. */
function planned(value: Value): Planned {
  switch (value.kind) {
    case 'unknown':
      return { after: UNKNOWN, unknown: true }
    case 'list': {
      const items = value.items.map(planned)
      return { after: items.map((item) => (item.after === UNKNOWN ? null : item.after)), unknown: items.map((item) => item.unknown) }
    }
    case 'map': {
      const after: Record<string, Json> = {}
      const unknown: Record<string, Json> = {}
      for (const member of value.entries) {
        const inner = planned(member.value)
        if (inner.after !== UNKNOWN) after[member.key] = inner.after
        if (inner.unknown !== false) unknown[member.key] = inner.unknown
      }
      return { after, unknown }
    }
    case 'null':
      return { after: null, unknown: false }
    default:
      return { after: value.value, unknown: false }
  }
}

/** The configuration's `expressions`: references as Terraform lists them, constant values where there are none, nested blocks as arrays. */
function expressionsOf(body: Body): Record<string, Json> {
  const expressions: Record<string, Json> = {}
  for (const attribute of body.attributes) {
    if (!META_ARGUMENTS.has(attribute.name)) expressions[attribute.name] = expression(attribute.value)
  }
  for (const block of body.blocks) {
    if (block.type === 'dynamic' || META_ARGUMENTS.has(block.type)) continue
    const list = (expressions[block.type] ??= []) as Json[]
    list.push(expressionsOf(block.body))
  }
  return expressions
}

function expressionOf(body: Body, name: string): Json | undefined {
  const written = body.attributes.find((a) => a.name === name)
  return written ? expression(written.value) : undefined
}

function expression(expr: Expr): Record<string, Json> {
  const references = referencesIn(expr)
  if (references.length > 0) return { references }
  const constant = constantOf(expr)
  return constant === UNKNOWN ? {} : { constant_value: constant }
}

/** A literal expression's value; calls and anything else Terraform evaluates without a context give nothing. */
function constantOf(expr: Expr): Json | typeof UNKNOWN {
  switch (expr.kind) {
    case 'literal':
      return expr.value
    case 'template':
      return expr.parts.every((part) => 'text' in part) ? expr.parts.map((part) => ('text' in part ? part.text : '')).join('') : UNKNOWN
    case 'tuple': {
      const items = expr.items.map(constantOf)
      return items.includes(UNKNOWN) ? UNKNOWN : (items as Json[])
    }
    case 'object': {
      const entries = expr.items.map((item) => [constantOf(item.key), constantOf(item.value)] as const)
      if (entries.some(([key, value]) => key === UNKNOWN || value === UNKNOWN)) return UNKNOWN
      return Object.fromEntries(entries.map(([key, value]) => [String(key), value as Json]))
    }
    case 'variable':
      return expr.name // an object key written as a bare name
    default:
      return UNKNOWN
  }
}

/** Terraform's list for each reference: the whole traversal, then shorter ones down to the referenced object (`aws_iam_role.app.arn`, `aws_iam_role.app`). */
function referencesIn(expr: Expr): string[] {
  const found: string[] = []
  const visit = (node: Expr): void => {
    if (node.kind === 'variable' || node.kind === 'traverse') {
      const parts = node.kind === 'traverse' ? traversalParts(node) : [node.name]
      const subject = parts[0] === 'data' ? 3 : 2
      for (let end = parts.length; end >= Math.min(subject, parts.length); end--) found.push(joinParts(parts.slice(0, end)))
      // `aws_x.y[0]` also names the resource without its instance key.
      if (parts[subject]?.startsWith('[')) found.push(joinParts(parts.slice(0, subject)))
      if (node.kind === 'traverse') for (const step of node.steps) if (step.kind === 'index') visit(step.key)
      return
    }
    for (const child of children(node)) visit(child)
  }
  visit(expr)
  return [...new Set(found)]
}

function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'template':
      return expr.parts.flatMap((part) => ('expr' in part ? [part.expr] : []))
    case 'tuple':
      return expr.items
    case 'object':
      // Bare object keys are names, not references.
      return expr.items.flatMap((item) => (item.key.kind === 'variable' ? [item.value] : [item.key, item.value]))
    case 'call':
      return expr.args
    case 'conditional':
      return [expr.condition, expr.then, expr.otherwise]
    case 'unary':
      return [expr.operand]
    case 'binary':
      return [expr.left, expr.right]
    default:
      return []
  }
}

/** `aws_iam_role.app[0].arn` → ['aws_iam_role', 'app', '[0]', 'arn'], up to the first step that is not a name or a literal key. */
function traversalParts(expr: Extract<Expr, { kind: 'traverse' }>): string[] {
  const parts: string[] = expr.target.kind === 'variable' ? [expr.target.name] : []
  for (const step of expr.steps as Step[]) {
    if (step.kind === 'attr') parts.push(step.name)
    else if (step.kind === 'index' && step.key.kind === 'literal') parts.push(`[${JSON.stringify(step.key.value)}]`)
    else break
  }
  return parts
}

function traversalNames(expr: Extract<Expr, { kind: 'traverse' }>): string[] {
  return traversalParts(expr).filter((part) => !part.startsWith('['))
}

function joinParts(parts: string[]): string {
  return parts.reduce((joined, part) => (part.startsWith('[') || joined === '' ? joined + part : `${joined}.${part}`), '')
}

function variableConfiguration(block: Block): Record<string, Json> {
  const declared: Record<string, Json> = {}
  const fallback = block.body.attributes.find((a) => a.name === 'default')
  if (fallback) {
    const constant = constantOf(fallback.value)
    if (constant !== UNKNOWN) declared.default = constant
  }
  const description = block.body.attributes.find((a) => a.name === 'description')
  if (description?.value.kind === 'literal') declared.description = description.value.value
  const sensitive = block.body.attributes.find((a) => a.name === 'sensitive')
  if (sensitive?.value.kind === 'literal' && sensitive.value.value === true) declared.sensitive = true
  return declared
}

/** The arguments the resources of these plans write, as a stand-in for the provider schema. */
export function argumentSchema(plans: Record<string, Json>[]): ArgumentSchema {
  const schema: ArgumentSchema = new Map()
  for (const plan of plans) {
    for (const change of plan.resource_changes as { type: string; change: { after: Record<string, Json> } }[]) {
      const known = schema.get(change.type) ?? new Map<string, 'attribute' | 'block'>()
      for (const [argument, value] of Object.entries(change.change.after)) {
        const isBlock = Array.isArray(value) && value.length > 0 && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
        if (!known.has(argument) || isBlock) known.set(argument, isBlock ? 'block' : 'attribute')
      }
      schema.set(change.type, known)
    }
  }
  return schema
}
