import { emptyModel, type AwsModel } from '../../src/model/aws.js'
import type { Condition, PolicyDocument, PolicyKind, PrincipalEntry, Statement } from '../../src/model/policy.js'
import type { ResourceMeta } from '../../src/model/resource.js'
import { Unknown, attr, type Attr, type SourceRange } from '../../src/model/source.js'
import { parseJsonValue } from '../../src/parse/json.js'
import type { Value } from '../../src/parse/value.js'
import { runRules } from '../../src/rules/run.js'
import type { AnyRule, Finding } from '../../src/rules/types.js'

/*
 * Hand-built models for unit tests of the trust, SCP and resource-policy rules: a policy is written
 * as JSON text and gets the lines the text has, so tests can assert exact lines. A string of the form
 * `${…}` stands for a value the source does not determine.
 */

export const FILE = 'main.tf'

export function at(line: number): SourceRange {
  return { file: FILE, startLine: line, endLine: line }
}

export function meta(address: string, line = 1, sourceType = address.split('.')[0] ?? address): ResourceMeta {
  return { address, sourceType, loc: { file: FILE, startLine: line, endLine: line + 5 }, suppressions: [] }
}

export function known<T>(value: T, line: number, explicit = true): Attr<T> {
  return attr(value, at(line), explicit)
}

export function unknown<T>(line: number, ref?: string): Attr<T> {
  return attr<T>(new Unknown('not determined by the source', ref), at(line))
}

function scalar(value: Value): Attr<string> {
  if (value.kind === 'string') {
    const ref = /^\$\{(.*)\}$/.exec(value.value)
    return ref ? attr<string>(new Unknown('reference', ref[1]), value.loc) : attr(value.value, value.loc)
  }
  if (value.kind === 'number' || value.kind === 'bool') return attr(String(value.value), value.loc)
  return attr<string>(new Unknown(`a ${value.kind}`), value.loc)
}

function list(value: Value | undefined): Attr<string>[] | undefined {
  if (!value) return undefined
  return value.kind === 'list' ? value.items.map(scalar) : [scalar(value)]
}

function field(value: Value, key: string): Value | undefined {
  return value.kind === 'map' ? value.entries.find((e) => e.key === key)?.value : undefined
}

function principals(value: Value | undefined): PrincipalEntry[] | undefined {
  if (!value) return undefined
  if (value.kind === 'string') return [{ type: '*', value: scalar(value) }]
  if (value.kind !== 'map') return undefined
  return value.entries.flatMap((e) => (list(e.value) ?? []).map((v) => ({ type: e.key, value: v })))
}

function conditions(value: Value | undefined): Condition[] {
  if (value?.kind !== 'map') return []
  return value.entries.flatMap((op) =>
    op.value.kind === 'map'
      ? op.value.entries.map((k) => ({
          loc: k.keyLoc,
          operator: scalar({ kind: 'string', value: op.key, loc: op.keyLoc }),
          key: scalar({ kind: 'string', value: k.key, loc: k.keyLoc }),
          values: list(k.value) ?? [],
        }))
      : [],
  )
}

function statement(value: Value, index: number): Statement {
  const effect = field(value, 'Effect')
  const sid = field(value, 'Sid')
  return {
    loc: value.loc,
    index,
    sid: sid ? scalar(sid) : undefined,
    effect: effect ? scalar(effect) : attr<string>(new Unknown('missing'), value.loc),
    actions: list(field(value, 'Action')),
    notActions: list(field(value, 'NotAction')),
    resources: list(field(value, 'Resource')),
    notResources: list(field(value, 'NotResource')),
    principals: principals(field(value, 'Principal')),
    notPrincipals: principals(field(value, 'NotPrincipal')),
    conditions: conditions(field(value, 'Condition')),
  }
}

/** A policy document from JSON text that starts at `line` of the file. */
export function policy(kind: PolicyKind, json: string, owner: ResourceMeta, line = 1, service?: string): PolicyDocument {
  const parsed = parseJsonValue(json, { file: FILE, line, column: 1 })
  if (!parsed.value) throw new Error(`fixture JSON: ${parsed.error?.message}`)
  const body = parsed.value
  const raw = field(body, 'Statement')
  const statements = raw ? (raw.kind === 'list' ? raw.items : [raw]).map(statement) : []
  const version = field(body, 'Version')
  return { kind, owner, service, loc: body.loc, version: version ? scalar(version) : undefined, statements, size: json.replace(/\s+/g, '').length }
}

/** An empty model with `fill` applied; every document it adds to a model part is also listed in policyDocuments. */
export function model(fill: (aws: AwsModel) => void): AwsModel {
  const aws = emptyModel()
  fill(aws)
  const documents = [
    ...aws.iam.roles.flatMap((r) => [...(r.trust ? [r.trust] : []), ...r.inlinePolicies]),
    ...aws.iam.users.flatMap((u) => u.inlinePolicies),
    ...aws.iam.groups.flatMap((g) => g.inlinePolicies),
    ...aws.iam.policies.map((p) => p.document),
    ...aws.organizations.scps.map((s) => s.document),
    ...aws.resourcePolicies.map((p) => p.document),
  ]
  for (const document of documents) if (!aws.policyDocuments.includes(document)) aws.policyDocuments.push(document)
  return aws
}

/** Runs one rule over a model with its defaults overridden by `params`. */
export function run(rule: AnyRule, aws: AwsModel, params: Record<string, unknown> = {}): Finding[] {
  const { findings, errors } = runRules(aws, [{ rule, params: { ...(rule.params?.defaults ?? {}), ...params }, severity: rule.severity }])
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'))
  return findings
}

export function lines(findings: Finding[]): number[] {
  return findings.map((f) => f.loc.startLine).sort((a, b) => a - b)
}
