import type { Condition, Statement } from '../../model/policy.js'
import { isKnown } from '../../model/source.js'
import { isMultiValued, isNegatedOperator, lookupConditionKey, operatorFitsType, parseOperator } from '../conditions.js'
import { effectOf } from '../statement.js'

/** What is wrong with one condition of a statement, in words; empty when nothing is. */
export function conditionProblems(statement: Statement, condition: Condition): string[] {
  if (!isKnown(condition.operator) || !isKnown(condition.key)) return []
  const operatorText = condition.operator.value
  const keyText = condition.key.value
  const operator = parseOperator(operatorText)
  const problems: string[] = []
  if (!operator.base) problems.push(`"${operatorText}" is not a condition operator (operators are case-sensitive)`)
  else if (operator.base === 'Null' && operator.ifExists) problems.push('Null cannot take IfExists')
  const lookup = lookupConditionKey(keyText)
  if (lookup.status === 'unknown-key') problems.push(`"${keyText}" is not a known global or service condition key`)
  if (lookup.status === 'unknown-service') problems.push(`"${keyText}": no AWS service has the prefix "${keyText.slice(0, keyText.indexOf(':'))}"`)
  if (lookup.status === 'known' && operator.family) {
    if (!operatorFitsType(operator.family, lookup.key.type)) problems.push(`${operatorText} compares ${operator.family} values but ${lookup.key.key} is of type ${lookup.key.type}`)
    if (operator.setOperator && !isMultiValued(lookup.key.type)) problems.push(`${operator.setOperator} applies to multivalued keys; ${lookup.key.key} has a single value`)
  }
  const allow = effectOf(statement) === 'Allow'
  if (allow && operator.setOperator === 'ForAllValues') problems.push('ForAllValues with Allow also matches requests where the key is absent or empty')
  if (allow && operator.base && operator.ifExists && !isNegatedOperator(operator.base) && keyText.toLowerCase().startsWith('aws:')) {
    problems.push(`${operatorText} with Allow also allows every request that has no ${keyText}`)
  }
  return problems
}
