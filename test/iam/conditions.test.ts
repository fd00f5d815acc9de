import { describe, expect, it } from 'vitest'
import { confinesToValues, confiningConditions, matchesEveryValue, narrowingConditions, parseOperator, takesWildcards } from '../../src/iam/index.js'
import { allow, doc } from './model.js'

const statementWith = (condition: Record<string, unknown>) => doc([allow('s3:GetObject', '*', { Condition: condition })]).statements[0]!
const confines = (operator: string) => confinesToValues(parseOperator(operator))
const everything = (operator: string, value: string) => matchesEveryValue(parseOperator(operator), value)
const anyKey = () => true

describe('condition operators', () => {
  // IAM rejects `stringEquals` ("MalformedPolicyDocument: Invalid Condition type"): only key names are case-insensitive.
  it('are case-sensitive: a wrongly cased operator is no operator', () => {
    expect(parseOperator('StringNotEquals')).toMatchObject({ base: 'StringNotEquals', family: 'String' })
    expect(parseOperator('stringnotequals').base).toBeUndefined()
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toMatchObject({ base: 'StringLike', setOperator: 'ForAnyValue', ifExists: true })
    expect(parseOperator('forallvalues:StringLike').base).toBeUndefined()
  })

  it('confine to the listed values only when positive, without IfExists, ForAllValues or Null', () => {
    expect(confines('StringEquals')).toBe(true)
    expect(confines('ForAnyValue:StringLike')).toBe(true)
    expect(confines('IpAddress')).toBe(true)
    for (const loose of ['StringNotEquals', 'ArnNotLike', 'NotIpAddress', 'NumericNotEquals', 'StringEqualsIfExists', 'ForAllValues:StringEquals', 'Null', 'stringequals']) {
      expect(confines(loose), loose).toBe(false)
    }
  })

  it('take wildcards under Like and under every ARN operator', () => {
    expect(['StringLike', 'StringNotLike', 'ArnLike', 'ArnEquals', 'ArnNotEquals'].every(takesWildcards)).toBe(true)
    expect(['StringEquals', 'StringEqualsIgnoreCase', 'IpAddress'].some(takesWildcards)).toBe(false)
  })

  it('match every value only with a pattern that covers all of them', () => {
    expect(everything('StringLike', '*')).toBe(true)
    expect(everything('StringEquals', '*')).toBe(false)
    // ARN wildcards stay within a field: a lone `*` names no ARN, six `*` fields name every one.
    expect(everything('ArnLike', '*')).toBe(false)
    expect(everything('ArnEquals', 'arn:*:*:*:*:*')).toBe(true)
    expect(everything('ArnLike', 'arn:aws:*:*:*:*')).toBe(false)
    expect(everything('IpAddress', '0.0.0.0/0')).toBe(true)
    expect(everything('IpAddress', '10.0.0.0/8')).toBe(false)
  })
})

describe('confining and narrowing conditions', () => {
  it('leave out conditions a request passes without carrying a listed value', () => {
    expect(confiningConditions(statementWith({ Null: { 'aws:SourceVpce': 'false' } }), anyKey)).toHaveLength(0)
    expect(confiningConditions(statementWith({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/*' } }), anyKey)).toHaveLength(0)
    expect(confiningConditions(statementWith({ StringEquals: { 'AWS:SourceVpce': 'vpce-1' } }), (key) => key === 'aws:sourcevpce')).toHaveLength(1)
  })

  it('count an operator IAM does not know: it might confine, and findings are never guessed', () => {
    expect(confiningConditions(statementWith({ stringnotequals: { 'aws:SourceVpce': 'vpce-1' } }), () => false)).toHaveLength(1)
  })

  it('narrow only with a value narrower than every value', () => {
    expect(narrowingConditions(statementWith({ StringLike: { 'aws:SourceArn': '*' } }), anyKey)).toHaveLength(0)
    expect(narrowingConditions(statementWith({ StringEquals: { 'aws:SourceArn': '*' } }), anyKey)).toHaveLength(1)
    expect(narrowingConditions(statementWith({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } }), anyKey)).toHaveLength(1)
    expect(narrowingConditions(statementWith({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '::/0'] } }), anyKey)).toHaveLength(0)
  })
})
