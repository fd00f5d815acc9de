import { Unknown, attr, firstLine, type Attr, type SourceRange } from '../model/source.js'
import type { ResourceMeta } from '../model/resource.js'
import type { RawResource } from '../parse/types.js'
import { items, path, type Value } from '../parse/value.js'

/*
 * Value → Attr helpers shared by every extractor. A present value keeps its own location;
 * an absent one becomes the provider default at the resource's first line, `explicit: false`.
 */

export function metaOf(resource: RawResource): ResourceMeta {
  const meta: ResourceMeta = { address: resource.address, sourceType: resource.type, loc: resource.loc, suppressions: resource.suppressions }
  if (resource.via?.length) meta.related = relatedOf(resource, resource.via)
  return meta
}

/** `via module.a → module.b["k"] → aws_x.y` at the resource's first line, then each call's line, innermost first. */
function relatedOf(resource: RawResource, via: { address: string; loc: SourceRange }[]): { loc: SourceRange; message: string }[] {
  const steps = via.map((call, i) => (i === 0 ? call.address : call.address.slice(via[i - 1]!.address.length + 1)))
  const last = via[via.length - 1]!.address
  const own = resource.address.startsWith(`${last}.`) ? resource.address.slice(last.length + 1) : resource.address
  const calls = via.map((call) => ({ loc: call.loc, message: `${call.address} is called here` })).reverse()
  return [{ loc: headOf(resource.loc), message: `via ${[...steps, own].join(' → ')}` }, ...calls]
}

function headOf(loc: SourceRange): SourceRange {
  return { file: loc.file, startLine: loc.startLine, endLine: loc.startLine }
}

function unknownOf(value: Value): Unknown {
  if (value.kind !== 'unknown') return new Unknown(`expected a scalar, found ${value.kind}`, value.ref)
  return new Unknown(value.reason, value.ref, value.pattern)
}

export function toString(value: Value): Attr<string> {
  switch (value.kind) {
    case 'string':
      return attr(value.value, value.loc)
    case 'number':
    case 'bool':
      return attr(String(value.value), value.loc)
    default:
      return attr<string>(unknownOf(value), value.loc)
  }
}

export function toBool(value: Value): Attr<boolean> {
  if (value.kind === 'bool') return attr(value.value, value.loc)
  // Both HCL and CloudFormation accept "true"/"false" strings for booleans.
  if (value.kind === 'string' && /^(true|false)$/i.test(value.value)) return attr(value.value.toLowerCase() === 'true', value.loc)
  return attr<boolean>(unknownOf(value), value.loc)
}

export function toNumber(value: Value): Attr<number> {
  if (value.kind === 'number') return attr(value.value, value.loc)
  if (value.kind === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) return attr(Number(value.value), value.loc)
  return attr<number>(unknownOf(value), value.loc)
}

/** `dotted` is a path into the body (`settings.logging_level`); lists along the way mean their first element. */
export function optionalString(resource: RawResource, dotted: string): Attr<string> | undefined {
  const value = path(resource.body, dotted)
  return value && value.kind !== 'null' ? toString(value) : undefined
}

/**
 * A string with a default. An empty string counts as unset, as providers read it (`logging_level = ""`
 * leaves logging off): the default applies, reported where the empty value is written.
 */
export function stringOr(resource: RawResource, dotted: string, fallback: string): Attr<string> {
  const written = optionalString(resource, dotted)
  if (written?.value === '') return attr(fallback, written.loc)
  return written ?? attr(fallback, headOf(resource.loc), false)
}

export function boolOr(resource: RawResource, dotted: string, fallback: boolean): Attr<boolean> {
  const value = path(resource.body, dotted)
  return value && value.kind !== 'null' ? toBool(value) : attr(fallback, headOf(resource.loc), false)
}

export function optionalNumber(resource: RawResource, dotted: string): Attr<number> | undefined {
  const value = path(resource.body, dotted)
  return value && value.kind !== 'null' ? toNumber(value) : undefined
}

export function numberOr(resource: RawResource, dotted: string, fallback: number): Attr<number> {
  return optionalNumber(resource, dotted) ?? attr(fallback, headOf(resource.loc), false)
}

/** An attribute the resource type requires: absent (a broken or partial configuration), it is unknown, never defaulted. */
export function requiredString(resource: RawResource, dotted: string): Attr<string> {
  return optionalString(resource, dotted) ?? attr<string>(new Unknown(`${dotted} is not set`), firstLine(resource.loc), false)
}

/** A nested block or property map, read with the same helpers as a resource body; its defaults still point at the resource's first line. */
export function nested(resource: RawResource, value: Value | undefined): RawResource | undefined {
  if (value?.kind === 'list') return nested(resource, value.items[0])
  return value?.kind === 'map' ? { ...resource, body: value } : undefined
}

/** A list of strings; a whole list that is unknown becomes one unknown Attr so rules see it. */
export function stringList(value: Value | undefined): Attr<string>[] {
  if (!value || value.kind === 'null') return []
  if (value.kind === 'list') return value.items.map(toString)
  return [toString(value)]
}

export { items, path }

/** The value when the source determines it, else undefined: for registering an object under its literal name. */
export function knownValue<T>(value: Attr<T> | undefined): T | undefined {
  return value && !(value.value instanceof Unknown) ? value.value : undefined
}
