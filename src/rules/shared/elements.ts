import type { Statement } from '../../model/policy.js'
import { isKnown } from '../../model/source.js'

/**
 * `Statement[AllowPush]` or `Statement[2]`: names a statement independently of its line, for fingerprints.
 * Not iam's statementName (`Statement[#2]`): published fingerprints of these rules use this form.
 */
export function statementName(statement: Statement): string {
  return `Statement[${statement.sid && isKnown(statement.sid) ? statement.sid.value : statement.index}]`
}
