import type { SourceRange } from '../../model/source.js'
import type { MapEntry, MapValue, Value } from '../value.js'
import { relocated, sameValue, scalarText, stringAt, unknownAt, firstUnknown } from './build.js'
import { callFunction } from './functions.js'
import { PSEUDO_PARAMETERS, isFunctionKey } from './intrinsic-names.js'

export interface TemplateParameter {
  type?: string
  default?: Value
}

/** What a template declares that intrinsic functions can refer to. */
export interface TemplateScope {
  parameters: Map<string, TemplateParameter>
  mappings?: MapValue
  conditions: Map<string, Value>
  resourceIds: Set<string>
}

/**
 * Evaluates intrinsic functions where the template itself determines the result; everything else
 * (resource attributes, pseudo parameters, parameters without a default) becomes an unknown value
 * carrying the reference it came from. `undefined` stands for `AWS::NoValue`: the key or item disappears.
 */
export class Evaluator {
  private readonly conditionResults = new Map<string, boolean | undefined>()
  private readonly conditionsInProgress = new Set<string>()

  constructor(readonly scope: TemplateScope) {}

  value(value: Value): Value | undefined {
    if (value.kind === 'map') return this.map(value)
    if (value.kind === 'list') return { ...value, items: value.items.map((item) => this.value(item)).filter((item) => item !== undefined) }
    return value
  }

  private map(map: MapValue): Value | undefined {
    const only = map.entries.length === 1 ? map.entries[0] : undefined
    if (only && isFunctionKey(only.key)) return callFunction(only.key, only.value, map.loc, this)
    const entries: MapEntry[] = []
    for (const entry of map.entries) {
      const value = this.value(entry.value)
      if (value !== undefined) entries.push({ ...entry, value })
    }
    return { ...map, entries }
  }

  /** `Ref name` (and `${name}` in Fn::Sub), reported at `at`. */
  reference(name: string, at: SourceRange): Value | undefined {
    if (name === 'AWS::NoValue') return undefined
    if (PSEUDO_PARAMETERS.has(name)) return unknownAt(at, `pseudo parameter ${name}`, name)
    const parameter = this.scope.parameters.get(name)
    if (parameter) return this.parameterValue(name, parameter, at)
    if (this.scope.resourceIds.has(name)) return unknownAt(at, `reference to resource ${name}`, name)
    return unknownAt(at, `${name} is not declared in this template`, name)
  }

  private parameterValue(name: string, parameter: TemplateParameter, at: SourceRange): Value {
    const type = parameter.type ?? 'String'
    // The default of an SSM-typed parameter is the SSM parameter's name; its value is read at deploy time.
    if (type.startsWith('AWS::SSM::Parameter::Value<')) return unknownAt(at, `parameter ${name} is read from SSM`, name)
    const fallback = parameter.default
    if (!fallback || fallback.kind === 'null') return unknownAt(at, `parameter ${name} has no default`, name)
    const text = scalarText(fallback)
    if (text !== undefined && (type === 'CommaDelimitedList' || type.startsWith('List<'))) {
      const items = text.split(',').map((item) => stringAt(at, item.trim()))
      return { kind: 'list', loc: at, items, ref: name }
    }
    return { ...relocated(fallback, at, name), writtenAt: fallback.loc }
  }

  /** A named condition of the Conditions section: true, false, or undefined when the template does not determine it. */
  condition(name: string): boolean | undefined {
    if (this.conditionResults.has(name)) return this.conditionResults.get(name)
    const expression = this.scope.conditions.get(name)
    if (!expression || this.conditionsInProgress.has(name)) return undefined
    this.conditionsInProgress.add(name)
    const result = this.test(expression)
    this.conditionsInProgress.delete(name)
    this.conditionResults.set(name, result)
    return result
  }

  /** A condition expression (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`), three-valued. */
  test(expression: Value): boolean | undefined {
    if (expression.kind === 'bool') return expression.value
    if (expression.kind !== 'map' || expression.entries.length !== 1) return undefined
    const { key, value: args } = expression.entries[0]!
    const operands = args.kind === 'list' ? args.items : [args]
    switch (key) {
      case 'Condition': {
        const name = scalarText(args)
        return name === undefined ? undefined : this.condition(name)
      }
      case 'Fn::Equals':
        return operands.length === 2 ? this.equals(operands[0]!, operands[1]!) : undefined
      case 'Fn::Not': {
        const inner = operands.length === 1 ? this.test(operands[0]!) : undefined
        return inner === undefined ? undefined : !inner
      }
      case 'Fn::And': {
        const results = operands.map((operand) => this.test(operand))
        if (results.includes(false)) return false
        return results.every((result) => result === true) ? true : undefined
      }
      case 'Fn::Or': {
        const results = operands.map((operand) => this.test(operand))
        if (results.includes(true)) return true
        return results.every((result) => result === false) ? false : undefined
      }
      default:
        return undefined
    }
  }

  private equals(left: Value, right: Value): boolean | undefined {
    const a = this.value(left)
    const b = this.value(right)
    if (!a || !b || firstUnknown(a) || firstUnknown(b)) return undefined
    const textA = scalarText(a)
    const textB = scalarText(b)
    if (textA !== undefined && textB !== undefined) return textA === textB
    return sameValue(a, b)
  }
}
