import type { Statement } from '../../model/policy.js'
import { isKnown, isUnknown, type Attr } from '../../model/source.js'

/** `Statement[AllowPush]` or `Statement[2]`: names a statement independently of its line, for fingerprints. */
export function statementName(statement: Statement): string {
  return `Statement[${statement.sid && isKnown(statement.sid) ? statement.sid.value : statement.index}]`
}

/** The text of a value for a message: the literal, or the reference an unknown came from. */
export function shown(value: Attr<string>): string {
  if (isUnknown(value.value)) return value.value.ref ?? 'an undetermined value'
  return value.value
}
