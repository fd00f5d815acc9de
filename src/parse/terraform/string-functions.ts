import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { RE2JS } from 're2js'
import type { SourceRange } from '../../model/source.js'
import { parseYamlValue } from '../cloudformation/yaml.js'
import type { MapEntry, Value } from '../value.js'
import { failure, mapLocations, stringValue, unknown } from './values.js'

/*
 * Terraform's string functions whose result a policy or principal may depend on. Regular expressions
 * are RE2, as in Terraform (re2js: linear time whatever the pattern).
 */

type Builtin = (args: Value[], loc: SourceRange) => Value

function text(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : value?.kind === 'number' || value?.kind === 'bool' ? String(value.value) : undefined
}

/** The strings of the arguments, or the unknown / failure that stops the call. */
function withTexts(args: (Value | undefined)[], loc: SourceRange, name: string, use: (...texts: string[]) => Value): Value {
  const texts: string[] = []
  for (const arg of args) {
    if (arg?.kind === 'unknown') return unknown(arg.reason, loc, arg.ref)
    const found = text(arg)
    if (found === undefined) return failure(`${name}() needs strings, found ${arg?.kind ?? 'nothing'}`, loc)
    texts.push(found)
  }
  return use(...texts)
}

function compile(pattern: string, loc: SourceRange): RE2JS | Value {
  try {
    return RE2JS.compile(pattern)
  } catch (error) {
    return failure(`invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, loc)
  }
}

/** One match as Terraform gives it: the match itself without groups, a list of groups, or an object of named groups. */
function matchValue(regex: RE2JS, matcher: ReturnType<RE2JS['matcher']>, loc: SourceRange): Value {
  const count = regex.groupCount()
  if (count === 0) return stringValue(matcher.group() ?? '', loc)
  const named = regex.namedGroups() as Record<string, number>
  const names = Object.keys(named)
  if (names.length > 0) {
    const entries: MapEntry[] = names.map((name) => ({ key: name, keyLoc: loc, value: stringValue(matcher.group(named[name]!) ?? '', loc) }))
    return { kind: 'map', entries, loc }
  }
  return { kind: 'list', items: Array.from({ length: count }, (_, i) => stringValue(matcher.group(i + 1) ?? '', loc)), loc }
}

/** Terraform's `replace()` with a `/regex/` search: `$1` / `${name}` in the replacement refer to groups. */
export function replaceRegex(subject: string, pattern: string, replacement: string, loc: SourceRange): Value {
  const regex = compile(pattern, loc)
  if (!(regex instanceof RE2JS)) return regex
  return stringValue(regex.matcher(subject).replaceAll(replacement.replace(/\$\{(\w+)\}/g, '$$$1')), loc)
}

export const STRING_FUNCTIONS: Record<string, Builtin> = {
  startswith: ([subject, prefix], loc) => withTexts([subject, prefix], loc, 'startswith', (s, p) => ({ kind: 'bool', value: s.startsWith(p), loc })),
  endswith: ([subject, suffix], loc) => withTexts([subject, suffix], loc, 'endswith', (s, p) => ({ kind: 'bool', value: s.endsWith(p), loc })),
  trimprefix: ([subject, prefix], loc) => withTexts([subject, prefix], loc, 'trimprefix', (s, p) => stringValue(s.startsWith(p) ? s.slice(p.length) : s, loc)),
  trimsuffix: ([subject, suffix], loc) => withTexts([subject, suffix], loc, 'trimsuffix', (s, p) => stringValue(p && s.endsWith(p) ? s.slice(0, -p.length) : s, loc)),
  trim: ([subject, cutset], loc) =>
    withTexts([subject, cutset], loc, 'trim', (s, set) => {
      const chars = new Set(set)
      let [start, end] = [0, s.length]
      while (start < end && chars.has(s[start]!)) start++
      while (end > start && chars.has(s[end - 1]!)) end--
      return stringValue(s.slice(start, end), loc)
    }),
  title: ([subject], loc) => withTexts([subject], loc, 'title', (s) => stringValue(s.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()), loc)),
  strrev: ([subject], loc) => withTexts([subject], loc, 'strrev', (s) => stringValue([...s].reverse().join(''), loc)),
  substr: ([subject, offset, length], loc) => {
    if (offset?.kind !== 'number' || length?.kind !== 'number') return offset?.kind === 'unknown' || length?.kind === 'unknown' ? unknown('a substr() bound is not known', loc) : failure('substr() needs numbers', loc)
    return withTexts([subject], loc, 'substr', (s) => {
      const chars = [...s]
      const start = offset.value < 0 ? chars.length + offset.value : offset.value
      return stringValue(chars.slice(start, length.value < 0 ? undefined : start + length.value).join(''), loc)
    })
  },
  basename: ([path], loc) => withTexts([path], loc, 'basename', (p) => stringValue(posix.basename(p), loc)),
  dirname: ([path], loc) => withTexts([path], loc, 'dirname', (p) => stringValue(posix.dirname(p), loc)),
  md5: ([subject], loc) => withTexts([subject], loc, 'md5', (s) => stringValue(createHash('md5').update(s).digest('hex'), loc)),
  sha1: ([subject], loc) => withTexts([subject], loc, 'sha1', (s) => stringValue(createHash('sha1').update(s).digest('hex'), loc)),
  sha256: ([subject], loc) => withTexts([subject], loc, 'sha256', (s) => stringValue(createHash('sha256').update(s).digest('hex'), loc)),
  cidrsubnet: ([prefix, newbits, netnum], loc) =>
    withTexts([prefix, newbits, netnum], loc, 'cidrsubnet', (p, bits, num) => {
      const network = ipv4Network(p)
      const [extra, index] = [Number(bits), Number(num)]
      if (!network || !Number.isInteger(extra) || !Number.isInteger(index) || index < 0 || network.length + extra > 32 || index >= 2 ** extra) return failure('cidrsubnet() needs an IPv4 prefix that fits (IPv6 is not evaluated)', loc)
      const length = network.length + extra
      return stringValue(`${ipv4Text(network.base + index * 2 ** (32 - length))}/${length}`, loc)
    }),
  cidrhost: ([prefix, hostnum], loc) =>
    withTexts([prefix, hostnum], loc, 'cidrhost', (p, num) => {
      const network = ipv4Network(p)
      const size = network ? 2 ** (32 - network.length) : 0
      const index = Number(num) < 0 ? size + Number(num) : Number(num)
      if (!network || !Number.isInteger(index) || index < 0 || index >= size) return failure('cidrhost() needs an IPv4 prefix and a host number inside it', loc)
      return stringValue(ipv4Text(network.base + index), loc)
    }),
  regex: ([pattern, subject], loc) =>
    withTexts([pattern, subject], loc, 'regex', (p, s) => {
      const regex = compile(p, loc)
      if (!(regex instanceof RE2JS)) return regex
      const matcher = regex.matcher(s)
      return matcher.find() ? matchValue(regex, matcher, loc) : failure('regex() found no match', loc)
    }),
  regexall: ([pattern, subject], loc) =>
    withTexts([pattern, subject], loc, 'regexall', (p, s) => {
      const regex = compile(p, loc)
      if (!(regex instanceof RE2JS)) return regex
      const matcher = regex.matcher(s)
      const items: Value[] = []
      while (matcher.find()) items.push(matchValue(regex, matcher, loc))
      return { kind: 'list', items, loc }
    }),
  tonumber: ([value], loc) => {
    if (value?.kind === 'number' || value?.kind === 'unknown' || value?.kind === 'null') return value
    const n = value?.kind === 'string' && value.value.trim() !== '' ? Number(value.value) : Number.NaN
    return Number.isFinite(n) ? { kind: 'number', value: n, loc } : failure('tonumber() needs a number', loc)
  },
  tobool: ([value], loc) => {
    if (value?.kind === 'bool' || value?.kind === 'unknown' || value?.kind === 'null') return value
    if (value?.kind === 'string' && (value.value === 'true' || value.value === 'false')) return { kind: 'bool', value: value.value === 'true', loc }
    return failure('tobool() needs a bool', loc)
  },
  yamldecode: ([value], loc) => {
    if (value?.kind === 'unknown') return unknown(value.reason, loc, value.ref)
    if (value?.kind !== 'string') return failure('yamldecode() needs a string', loc)
    const parsed = parseYamlValue(value.value, loc.file)
    if (!parsed.value) return failure(`yamldecode(): ${parsed.error?.message ?? 'no document'}`, loc)
    // Lines inside the string are the file's only when the string is a file's or a heredoc's text.
    const origin = value.textOrigin
    return origin ? shiftLines(parsed.value, origin.file, origin.line - 1) : placeAt(parsed.value, loc)
  },
}

/** An IPv4 CIDR block as its network address (host bits cleared) and prefix length. */
function ipv4Network(text: string): { base: number; length: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim())
  if (!match) return undefined
  const octets = match.slice(1, 5).map(Number)
  const length = Number(match[5])
  if (octets.some((o) => o > 255) || length > 32) return undefined
  const address = octets.reduce((sum, o) => sum * 256 + o, 0)
  const size = 2 ** (32 - length)
  return { base: address - (address % size), length }
}

function ipv4Text(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')
}

function shiftLines(value: Value, file: string, lines: number): Value {
  return mapLocations(value, (loc) => ({ ...loc, file, startLine: loc.startLine + lines, endLine: loc.endLine + lines }))
}

function placeAt(value: Value, at: SourceRange): Value {
  return mapLocations(value, () => at)
}
