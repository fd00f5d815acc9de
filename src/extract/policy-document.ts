import { UNTYPED_PRINCIPAL, type Condition, type PolicyDocument, type PolicyKind, type PrincipalEntry, type Statement } from '../model/policy.js'
import type { ResourceMeta } from '../model/resource.js'
import { Unknown, attr, firstLine, type Attr, type SourceRange } from '../model/source.js'
import { parseJsonValue } from '../parse/json.js'
import { field, isWhollyKnown, toPlainJson, type MapValue, type StringValue, type Value } from '../parse/value.js'
import type { ExtractContext } from './context.js'
import { toString } from './values.js'

/** The type of the single principal entry that stands for a Principal whose whole value is unknown. */
export const UNKNOWN_PRINCIPAL_TYPE = 'unknown'

/**
 * Reads any policy JSON (a map already shaped like policy JSON, or a string holding JSON) into a
 * positioned PolicyDocument, and records it in `model.policyDocuments`. Absent or null: undefined.
 */
export function readPolicyDocument(
  value: Value | undefined,
  kind: PolicyKind,
  owner: ResourceMeta,
  context: ExtractContext,
  service?: string,
): PolicyDocument | undefined {
  if (!value || value.kind === 'null') return undefined
  const document: PolicyDocument = { kind, owner, ...(service ? { service } : {}), loc: value.loc, statements: [] }
  fill(document, value, context)
  // The same written policy read again (a data source two resources use) is held by each, judged as written once.
  const keys = readingKeys(value, document, context)
  const readings = readingsOf(context)
  const earlier = keys.flatMap((key) => readings.get(key) ?? [])
  if (!earlier.some((d) => d.kind === kind && d.service === service)) context.model.policyDocuments.push(document)
  for (const key of keys) readings.set(key, [...(readings.get(key) ?? []), document])
  return document
}

/**
 * A policy written where nothing in the scan may read it (an aws_iam_policy_document data source, a local, an
 * output): judged on its own, once every resource has been read, unless a resource reads it (through a
 * reference to `owner`, or the same policy as written) or a larger written policy holds all its statements
 * (a document other documents merge as their source). Only a value shaped like a policy (an object with a
 * Statement) counts; anything else is not one.
 */
export function readWrittenDocument(value: Value | undefined, owner: ResourceMeta, context: ExtractContext): void {
  const policy = policyShaped(value)
  if (!policy) return
  const pending = pendingOf(context)
  // One step judges every written policy after all resources are read, so each can be compared with all others.
  if (pending.length === 0) context.afterAll(() => judgeWritten(pending, context))
  pending.push({ policy, owner })
}

interface Written {
  policy: MapValue
  owner: ResourceMeta
}

const pendingByContext = new WeakMap<ExtractContext, Written[]>()

function pendingOf(context: ExtractContext): Written[] {
  return pendingByContext.get(context) ?? pendingByContext.set(context, []).get(context)!
}

function judgeWritten(pending: Written[], context: ExtractContext): void {
  const readings = readingsOf(context)
  const held = new Set(context.model.policyDocuments.flatMap(statementPlaces))
  const candidates: { document: PolicyDocument; diagnostics: ExtractContext['diagnostics']; places: Set<string> }[] = []
  for (const { policy, owner } of pending) {
    const scratch = { ...context, diagnostics: [] as ExtractContext['diagnostics'] }
    const document: PolicyDocument = { kind: 'identity', owner, loc: policy.loc, statements: [] }
    fill(document, policy, scratch)
    const key = writtenKey(document)
    if (readings.has(key) || readings.has(`ref ${context.unitOf(owner.loc.file) ?? ''} ${owner.address}`)) continue
    readings.set(key, [document])
    candidates.push({ document, diagnostics: scratch.diagnostics, places: new Set(statementPlaces(document)) })
  }
  for (const candidate of candidates) {
    const { places } = candidate
    const within = (larger: Set<string>) => places.size > 0 && [...places].every((place) => larger.has(place))
    if (within(held) || candidates.some((other) => other.places.size > places.size && within(other.places))) continue
    candidate.document.kind = kindOfWritten(candidate.document)
    context.diagnostics.push(...candidate.diagnostics)
    context.model.policyDocuments.push(candidate.document)
  }
}

/** Where each statement of a document is written. */
function statementPlaces(document: PolicyDocument): string[] {
  return document.statements.map(({ loc }) => `${loc.file}:${loc.startLine}:${loc.startColumn ?? 0}:${loc.endLine}:${loc.endColumn ?? 0}`)
}

/** The value as a policy object when it is one: a map with a Statement, or JSON text of one. */
function policyShaped(value: Value | undefined): MapValue | undefined {
  if (value?.kind === 'map') return field(value, 'Statement') ? value : undefined
  if (value?.kind !== 'string' || !/"Statement"/.test(value.value)) return undefined
  const parsed = parseJsonValue(value.textOrigin?.text ?? value.value, value.textOrigin ?? { file: value.loc.file, fixed: value.loc })
  return parsed.value?.kind === 'map' && field(parsed.value, 'Statement') ? parsed.value : undefined
}

const TRUST_ACTION = /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext)$/i

/** What a policy written on its own is for: naming no principal it is an identity policy; one that lets principals assume a role is a trust policy. */
function kindOfWritten(document: PolicyDocument): PolicyKind {
  const withPrincipals = document.statements.filter((s) => s.principals || s.notPrincipals)
  if (withPrincipals.length === 0) return 'identity'
  const actions = withPrincipals.flatMap((s) => s.actions ?? [])
  return actions.length > 0 && actions.every((a) => typeof a.value === 'string' && TRUST_ACTION.test(a.value)) ? 'trust' : 'resource'
}

const readingsByContext = new WeakMap<ExtractContext, Map<string, PolicyDocument[]>>()

function readingsOf(context: ExtractContext): Map<string, PolicyDocument[]> {
  return readingsByContext.get(context) ?? readingsByContext.set(context, new Map()).get(context)!
}

/**
 * What identifies a reading as the same written policy: its statements with their positions and values (an
 * empty or unknown document: its position), and the reference it was read through, with the resource that
 * reference names (`data.aws_iam_policy_document.x.json` names `data.aws_iam_policy_document.x`).
 */
function readingKeys(value: Value, document: PolicyDocument, context: ExtractContext): string[] {
  if (!value.ref) return [writtenKey(document)]
  const unit = context.unitOf(value.loc.file) ?? ''
  // A plan's references carry the module they are written in: `module.app.data.aws_iam_policy_document.x.json`.
  const modulePath = /^(?:module\.[^.]+\.)*/.exec(value.ref)![0]
  const names = value.ref.slice(modulePath.length).split('.')
  const named = modulePath + (names[0] === 'data' ? names.slice(0, 3) : names.slice(0, 2)).join('.')
  return [writtenKey(document), `ref ${unit} ${value.ref}`, `ref ${unit} ${named}`]
}

function writtenKey(document: PolicyDocument): string {
  if (document.statements.length === 0 || document.unknown) return `at ${JSON.stringify(document.loc)} ${document.unknown?.reason ?? ''}`
  return JSON.stringify([document.version, document.statements])
}

function fill(document: PolicyDocument, value: Value, context: ExtractContext): void {
  switch (value.kind) {
    case 'unknown':
      return markUnknown(document, value, context)
    case 'string':
      return fillFromText(document, value, context)
    case 'map':
      return fillFromMap(document, value, context)
    default:
      return markInvalid(document, `a policy document must be a JSON object, found ${value.kind}`, value.loc, context)
  }
}

function fillFromText(document: PolicyDocument, text: StringValue, context: ExtractContext): void {
  // An empty policy is a placeholder (a module variable's default the caller replaces), not a syntax error.
  if (text.value.trim() === '') return markUnknown(document, { kind: 'unknown', reason: 'the policy text is empty', loc: text.loc, ref: text.ref }, context)
  const origin = text.textOrigin ?? { file: text.loc.file, fixed: text.loc }
  // A folded YAML block keeps its text as written: the same JSON, with the lines of the file.
  const parsed = parseJsonValue(text.textOrigin?.text ?? text.value, origin)
  if (parsed.error) return markInvalid(document, parsed.error.message, parsed.error.loc, context)
  const root = parsed.value!
  if (root.kind !== 'map') return markInvalid(document, `a policy document must be a JSON object, found ${root.kind}`, root.loc, context)
  fillFromMap(document, root, context)
}

function fillFromMap(document: PolicyDocument, map: MapValue, context: ExtractContext): void {
  const version = field(map, 'Version')
  if (version && version.kind !== 'null') document.version = toString(version)
  const statementValue = field(map, 'Statement')
  if (statementValue?.kind === 'unknown') return markUnknown(document, statementValue, context)
  const statementValues = statementValue?.kind === 'list' ? statementValue.items : statementValue && statementValue.kind !== 'null' ? [statementValue] : []
  document.statements = statementValues.map(readStatement)
  // Measured as AWS does: the JSON without whitespace outside strings.
  if (isWhollyKnown(map)) document.size = JSON.stringify(toPlainJson(map)).length
}

function markUnknown(document: PolicyDocument, value: Value & { kind: 'unknown' }, context: ExtractContext): void {
  document.unknown = new Unknown(value.reason, value.ref)
  const through = value.ref ? ` (${value.ref})` : ''
  context.diagnostics.push({
    kind: 'unresolved',
    message: `${document.owner.address}: the ${document.kind} policy document could not be determined${through}: ${value.reason}`,
    loc: value.loc,
  })
}

function markInvalid(document: PolicyDocument, message: string, loc: SourceRange, context: ExtractContext): void {
  document.unknown = new Unknown(message)
  context.diagnostics.push({ kind: 'parse-error', message: `${document.owner.address}: ${message}`, loc })
}

function readStatement(value: Value, index: number): Statement {
  if (value.kind !== 'map') return unknownStatement(value, index)
  const statement: Statement = { loc: value.loc, index, effect: effectOf(value), conditions: conditionsOf(field(value, 'Condition')) }
  const sid = field(value, 'Sid')
  if (sid && sid.kind !== 'null') statement.sid = toString(sid)
  const actions = elementsOf(field(value, 'Action'))
  if (actions) statement.actions = actions
  const notActions = elementsOf(field(value, 'NotAction'))
  if (notActions) statement.notActions = notActions
  const resources = elementsOf(field(value, 'Resource'))
  if (resources) statement.resources = resources
  const notResources = elementsOf(field(value, 'NotResource'))
  if (notResources) statement.notResources = notResources
  const principals = principalsOf(field(value, 'Principal'))
  if (principals) statement.principals = principals
  const notPrincipals = principalsOf(field(value, 'NotPrincipal'))
  if (notPrincipals) statement.notPrincipals = notPrincipals
  return statement
}

/** A statement the source does not determine (a computed list element): every part unknown, so no rule can read it as granting or denying. */
function unknownStatement(value: Value, index: number): Statement {
  const unknown = toString(value)
  return { loc: value.loc, index, effect: unknown, actions: [unknown], resources: [unknown], conditions: [] }
}

/** A missing Effect is the empty string, not explicit, at the statement's first line: rules about grammar see it, others see no Allow. */
function effectOf(statement: MapValue): Attr<string> {
  const effect = field(statement, 'Effect')
  return effect && effect.kind !== 'null' ? toString(effect) : attr('', firstLine(statement.loc), false)
}

/** Single-or-list elements (`"Action": "s3:*"` or `["s3:*"]`); absent or null is undefined; a whole unknown list is one unknown Attr. */
function elementsOf(value: Value | undefined): Attr<string>[] | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'list') return value.items.filter((item) => item.kind !== 'null').map(toString)
  return [toString(value)]
}

function principalsOf(value: Value | undefined): PrincipalEntry[] | undefined {
  if (!value || value.kind === 'null') return undefined
  if (value.kind === 'string' && value.value === '*') return [{ type: '*', value: attr('*', value.loc) }]
  if (value.kind === 'map') {
    return value.entries.flatMap((entry) => (elementsOf(entry.value) ?? []).map((element) => ({ type: entry.key, value: element })))
  }
  if (value.kind === 'unknown') return [{ type: UNKNOWN_PRINCIPAL_TYPE, value: toString(value) }]
  // A list or a bare value is not valid IAM, but says who was meant: kept, each entry at its own line.
  if (value.kind === 'list' || value.kind === 'string') return (elementsOf(value) ?? []).map((element) => ({ type: UNTYPED_PRINCIPAL, value: element }))
  return [{ type: UNKNOWN_PRINCIPAL_TYPE, value: attr<string>(new Unknown('a Principal must be "*" or a map of principal types'), value.loc) }]
}

function conditionsOf(value: Value | undefined): Condition[] {
  if (!value || value.kind === 'null') return []
  if (value.kind !== 'map') return [unknownCondition(value, toString(value))]
  return value.entries.flatMap((operatorEntry): Condition[] => {
    const operator = attr(operatorEntry.key, operatorEntry.keyLoc)
    const keys = operatorEntry.value
    if (keys.kind !== 'map') return [unknownCondition(keys, operator)]
    return keys.entries.map((keyEntry) => ({
      loc: span(keyEntry.keyLoc, keyEntry.value.loc),
      operator,
      key: attr(keyEntry.key, keyEntry.keyLoc),
      values: elementsOf(keyEntry.value) ?? [],
    }))
  })
}

/** A condition block or operator whose keys the source does not determine: present (so it may restrict), but unreadable. */
function unknownCondition(value: Value, operator: Attr<string>): Condition {
  const unknown = toString(value)
  return { loc: value.loc, operator, key: unknown, values: [unknown] }
}

function span(from: SourceRange, to: SourceRange): SourceRange {
  return { file: from.file, startLine: from.startLine, endLine: to.endLine, startColumn: from.startColumn, endColumn: to.endColumn }
}

