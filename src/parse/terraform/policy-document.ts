import { firstLine, type SourceRange } from '../../model/source.js'
import { parseJsonValue } from '../json.js'
import { entry, field, items, type MapEntry, type MapValue, type Value } from '../value.js'
import { evaluateBody } from './body.js'
import { blockScope, remember, type Module } from './module.js'
import type { Block } from './syntax.js'
import { spanOf, stringValue, unknown } from './values.js'

/**
 * `data "aws_iam_policy_document"` as the policy JSON it produces (Version, Statement[] with Sid, Effect,
 * Action, Resource, Principal, Condition …), every element positioned at the HCL that wrote it.
 * Lists stay lists even with one element: the provider prints those as strings, which means the same to IAM.
 */
export function policyDocument(module: Module, block: Block): Value {
  return remember(module, block, () => documentFrom(evaluateBody(block.body, blockScope(module, block), block.range)), block.range)
}

const LISTS: [string, string][] = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
]

function documentFrom(body: MapValue): Value {
  const head = firstLine(body.loc)
  const entries: MapEntry[] = []
  const version = present(entry(body, 'version'))
  entries.push(version ? { key: 'Version', keyLoc: version.keyLoc, value: version.value } : { key: 'Version', keyLoc: head, value: stringValue('2012-10-17', head) })
  const id = present(entry(body, 'policy_id'))
  if (id) entries.push({ key: 'Id', keyLoc: id.keyLoc, value: id.value })

  // As the provider does: source documents first, this document's statements over them, then each override.
  const statements: Value[] = []
  for (const source of [...documents(field(body, 'source_json')), ...documents(field(body, 'source_policy_documents'), true)]) {
    const found = statementsOf(source)
    if (Array.isArray(found)) mergeStatements(statements, found)
    else statements.push(unknown(`a source policy document is not known: ${found.reason}`, found.loc, found.ref))
  }
  mergeStatements(statements, items(field(body, 'statement')).map(statementFrom))
  for (const override of [...documents(field(body, 'override_policy_documents'), true), ...documents(field(body, 'override_json'))]) {
    const found = statementsOf(override)
    if (Array.isArray(found)) {
      mergeStatements(statements, found)
      continue
    }
    // An unknown override may replace any statement that has a Sid.
    for (let i = 0; i < statements.length; i++) {
      if (sidOf(statements[i]!) !== undefined) statements[i] = unknown('an override policy document may replace this statement', statements[i]!.loc)
    }
    statements.push(unknown(`an override policy document is not known: ${found.reason}`, found.loc, found.ref))
  }
  entries.push({ key: 'Statement', keyLoc: head, value: { kind: 'list', items: statements, loc: body.loc } })
  return { kind: 'map', entries, loc: body.loc }
}

function statementFrom(block: Value): Value {
  if (block.kind !== 'map') return block
  const head = firstLine(block.loc)
  const entries: MapEntry[] = []
  const sid = present(entry(block, 'sid'))
  if (sid && !(sid.value.kind === 'string' && sid.value.value === '')) entries.push({ key: 'Sid', keyLoc: sid.keyLoc, value: sid.value })
  const effect = present(entry(block, 'effect'))
  entries.push(effect ? { key: 'Effect', keyLoc: effect.keyLoc, value: effect.value } : { key: 'Effect', keyLoc: head, value: stringValue('Allow', head) })
  for (const [hcl, json] of LISTS) {
    const list = present(entry(block, hcl))
    if (list && !(list.value.kind === 'list' && list.value.items.length === 0)) entries.push({ key: json, keyLoc: list.keyLoc, value: list.value })
  }
  for (const [hcl, json] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const blocks = entry(block, hcl)
    if (blocks) entries.push({ key: json, keyLoc: blocks.keyLoc, value: principalsFrom(items(blocks.value), blocks.value.loc) })
  }
  const conditions = entry(block, 'condition')
  if (conditions) entries.push({ key: 'Condition', keyLoc: conditions.keyLoc, value: conditionsFrom(items(conditions.value), conditions.value.loc) })
  return { kind: 'map', entries, loc: block.loc }
}

/** `{ Type: [identifiers] }`, blocks of one type joined; a single `"*"` block with `["*"]` is `"*"` as the provider prints it. */
function principalsFrom(blocks: Value[], loc: SourceRange): Value {
  const only = blocks.length === 1 ? blocks[0] : undefined
  if (only?.kind === 'map') {
    const type = field(only, 'type')
    const ids = items(field(only, 'identifiers'))
    if (type?.kind === 'string' && type.value === '*' && ids.length === 1 && ids[0]!.kind === 'string' && ids[0]!.value === '*') return ids[0]!
  }
  const entries: MapEntry[] = []
  for (const principal of blocks) {
    if (principal.kind !== 'map') return unknown('a principals block is not known', principal.loc, principal.ref)
    const type = field(principal, 'type')
    if (type?.kind !== 'string') return unknown('a principal type is not known', type?.loc ?? principal.loc, type?.ref)
    const identifiers = field(principal, 'identifiers')
    appendTo(entries, type.value, type.loc, items(identifiers), identifiers?.loc ?? principal.loc)
  }
  return { kind: 'map', entries, loc }
}

/** `{ test: { variable: [values] } }`; repeated test/variable pairs add their values, as the provider does. */
function conditionsFrom(blocks: Value[], loc: SourceRange): Value {
  const operators: MapEntry[] = []
  for (const condition of blocks) {
    if (condition.kind !== 'map') return unknown('a condition block is not known', condition.loc, condition.ref)
    const test = field(condition, 'test')
    const variable = field(condition, 'variable')
    if (test?.kind !== 'string' || variable?.kind !== 'string') return unknown('a condition test or variable is not known', condition.loc)
    let operator = operators.find((e) => e.key === test.value)
    if (!operator) {
      operator = { key: test.value, keyLoc: test.loc, value: { kind: 'map', entries: [], loc: condition.loc } }
      operators.push(operator)
    }
    const values = field(condition, 'values')
    appendTo((operator.value as MapValue).entries, variable.value, variable.loc, items(values), values?.loc ?? condition.loc)
  }
  return { kind: 'map', entries: operators, loc }
}

function appendTo(entries: MapEntry[], key: string, keyLoc: SourceRange, values: Value[], loc: SourceRange): void {
  const existing = entries.find((e) => e.key === key)
  if (existing?.value.kind === 'list') existing.value = { ...existing.value, items: [...existing.value.items, ...values], loc: spanOf(existing.value.loc, loc) }
  else entries.push({ key, keyLoc, value: { kind: 'list', items: values, loc } })
}

function present(found: MapEntry | undefined): MapEntry | undefined {
  return found && found.value.kind !== 'null' ? found : undefined
}

function documents(value: Value | undefined, isList = false): Value[] {
  if (!value || value.kind === 'null') return []
  return isList && value.kind === 'list' ? value.items.filter((v) => v.kind !== 'null') : [value]
}

/** The statements of another document: a policy map (a `.json` reference, jsonencode) or JSON text; unknown when not determined. */
function statementsOf(document: Value): Value[] | Extract<Value, { kind: 'unknown' }> {
  let map: Value = document
  if (document.kind === 'string') {
    const parsed = parseJsonValue(document.value, document.textOrigin ?? { file: document.loc.file, fixed: document.loc })
    if (!parsed.value) return unknown(parsed.error!.message, document.loc)
    map = parsed.value
  }
  if (map.kind === 'unknown') return map
  if (map.kind !== 'map') return unknown(`a policy document cannot be a ${map.kind}`, map.loc)
  const statement = field(map, 'Statement')
  if (statement?.kind === 'unknown') return statement
  return items(statement)
}

function sidOf(statement: Value): string | undefined {
  const sid = statement.kind === 'map' ? field(statement, 'Sid') : undefined
  return sid?.kind === 'string' && sid.value !== '' ? sid.value : undefined
}

/** Terraform's merge: a statement with the Sid of an existing one replaces it in place; others are appended. */
function mergeStatements(into: Value[], added: Value[]): void {
  for (const statement of added) {
    const sid = sidOf(statement)
    const at = sid === undefined ? -1 : into.findIndex((existing) => sidOf(existing) === sid)
    if (at >= 0) into[at] = statement
    else into.push(statement)
  }
}
