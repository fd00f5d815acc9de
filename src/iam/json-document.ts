import type { Condition, PolicyDocument, PolicyKind, PrincipalEntry, Statement } from '../model/policy.js'
import type { ResourceMeta } from '../model/resource.js'
import { attr, type Attr, type SourceRange } from '../model/source.js'

/*
 * A PolicyDocument from plain policy JSON that is not in the scanned code (an AWS managed policy
 * known by name): every element points at `loc`, the place that brings the policy in.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

function strings(value: Json | undefined, loc: SourceRange): Attr<string>[] | undefined {
  if (value === undefined) return undefined
  return (Array.isArray(value) ? value : [value]).map((v) => attr(String(v), loc))
}

function principals(value: Json | undefined, loc: SourceRange): PrincipalEntry[] | undefined {
  if (value === undefined) return undefined
  if (value === '*') return [{ type: '*', value: attr('*', loc) }]
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([type, ids]) => (strings(ids, loc) ?? []).map((id) => ({ type, value: id })))
}

function conditions(value: Json | undefined, loc: SourceRange): Condition[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([operator, keys]) =>
    typeof keys === 'object' && keys !== null && !Array.isArray(keys)
      ? Object.entries(keys).map(([key, values]) => ({ loc, operator: attr(operator, loc), key: attr(key, loc), values: strings(values, loc) ?? [] }))
      : [],
  )
}

export function documentFromJson(json: { Version?: string; Statement: unknown }, kind: PolicyKind, owner: ResourceMeta, loc: SourceRange): PolicyDocument {
  const statement = json.Statement as Json
  const raw = Array.isArray(statement) ? statement : [statement]
  const statements = raw.map((s, index): Statement => {
    const st = (typeof s === 'object' && s !== null && !Array.isArray(s) ? s : {}) as Record<string, Json>
    return {
      loc,
      index,
      sid: typeof st.Sid === 'string' ? attr(st.Sid, loc) : undefined,
      effect: attr(String(st.Effect ?? ''), loc),
      actions: strings(st.Action, loc),
      notActions: strings(st.NotAction, loc),
      resources: strings(st.Resource, loc),
      notResources: strings(st.NotResource, loc),
      principals: principals(st.Principal, loc),
      notPrincipals: principals(st.NotPrincipal, loc),
      conditions: conditions(st.Condition, loc),
    }
  })
  return {
    kind,
    owner,
    loc,
    version: json.Version === undefined ? undefined : attr(json.Version, loc),
    statements,
    size: JSON.stringify(json).replace(/\s/g, '').length,
  }
}
