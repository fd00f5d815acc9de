import type { SourceRange } from '../model/source.js'
import type { AnyRule } from '../rules/types.js'
import { errorAt, nodeAt, type RulebookDocument, type RulebookError } from './document.js'
import { selectorMatches, type EffectiveRule, type Waiver } from './effective.js'
import type { RuleEntry, RuleSetting, RulebookFile } from './format.js'
import { didYouMean } from './nearest.js'

/*
 * Layers (presets and extended files first, the rulebook itself last) merged into one setting per
 * rule. Later layers override earlier ones; inside a layer `*` applies first, then `area/*`, then
 * exact IDs. A bare word or an exact-ID mapping turns a rule on; a selector's mapping without
 * `enabled` leaves each rule's on/off as it was (so `apigw/*: {paths: …}` does not wake rules that are off).
 */

export interface Layer {
  document: RulebookDocument
  file: RulebookFile
}

function specificity(selector: string): number {
  return selector === '*' ? 0 : selector.endsWith('/*') ? 1 : 2
}

function declaredParams(rule: AnyRule): string[] {
  return Object.keys((rule.params?.schema.properties ?? {}) as object)
}

export function startingPoint(rule: AnyRule): EffectiveRule {
  return { rule, enabled: rule.enabledByDefault !== false, severity: rule.severity, params: structuredClone(rule.params?.defaults ?? {}) }
}

function applySetting(target: EffectiveRule, setting: RuleSetting, exact: boolean): void {
  if (setting === 'off' || setting === false) target.enabled = false
  else if (setting === 'on' || setting === true) target.enabled = true
  else if (typeof setting === 'string') {
    target.enabled = true
    target.severity = setting
  } else applyEntry(target, setting, exact)
}

function applyEntry(target: EffectiveRule, entry: RuleEntry, exact: boolean): void {
  if (entry.enabled !== undefined) target.enabled = entry.enabled
  else if (exact) target.enabled = true
  if (entry.severity) target.severity = entry.severity
  const declared = declaredParams(target.rule)
  for (const [name, value] of Object.entries(entry.params ?? {})) if (exact || declared.includes(name)) target.params[name] = structuredClone(value)
  if (entry.paths?.include) target.include = [...entry.paths.include]
  if (entry.paths?.exclude) target.exclude = [...entry.paths.exclude]
  if (entry.controls) target.controls = [...entry.controls]
}

/** Rule keys that name nothing: an unknown ID or area is a mistake, never ignored. */
export function unknownSelectors(layers: Layer[], catalog: AnyRule[]): RulebookError[] {
  const ids = catalog.map((r) => r.id)
  const areas = new Set(ids.map((id) => id.split('/')[0]!))
  const check = (selector: string, loc: SourceRange, where: string): RulebookError[] => {
    const known = selector === '*' || (selector.endsWith('/*') ? areas.has(selector.slice(0, -2)) : ids.includes(selector))
    if (known) return []
    const hint = selector.endsWith('/*') ? didYouMean(selector, [...areas].map((a) => `${a}/*`)) : didYouMean(selector, ids)
    return [errorAt(loc, `${where}: no rule '${selector}'${hint}`)]
  }
  return layers.flatMap(({ document, file }) => [
    ...Object.keys(file.rules ?? {}).flatMap((selector) => check(selector, nodeAt(document.root, ['rules', selector]).keyLoc ?? document.root.loc, 'rules')),
    ...(file.waivers ?? []).flatMap((waiver, i) => check(waiver.rule, nodeAt(document.root, ['waivers', i, 'rule']).value.loc, `waivers.${i}.rule`)),
  ])
}

export function mergeRules(layers: Layer[], catalog: AnyRule[]): EffectiveRule[] {
  const effective = catalog.map(startingPoint)
  for (const { file } of layers) {
    for (const target of effective) {
      const declared = declaredParams(target.rule)
      for (const [name, value] of Object.entries(file.params ?? {})) if (declared.includes(name)) target.params[name] = structuredClone(value)
    }
    const selectors = Object.entries(file.rules ?? {}).sort(([a], [b]) => specificity(a) - specificity(b))
    for (const [selector, setting] of selectors) {
      for (const target of effective) if (selectorMatches(selector, target.rule.id)) applySetting(target, setting, specificity(selector) === 2)
    }
  }
  return effective
}

export function collectWaivers(layers: Layer[]): Waiver[] {
  return layers.flatMap(({ document, file }) =>
    (file.waivers ?? []).map((waiver, i): Waiver => ({ ...waiver, loc: nodeAt(document.root, ['waivers', i]).value.loc })),
  )
}

/** Waivers must say what they waive: a resource or a path (a rule-wide waiver is `rules: {id: off}`, said openly). */
export function waiverScopeErrors(layers: Layer[]): RulebookError[] {
  return layers.flatMap(({ document, file }) =>
    (file.waivers ?? []).flatMap((waiver, i) =>
      waiver.resource === undefined && waiver.path === undefined
        ? [errorAt(nodeAt(document.root, ['waivers', i]).value.loc, `waivers.${i}: a waiver names a resource or a path; to turn '${waiver.rule}' off everywhere, write rules: {${waiver.rule}: off}`)]
        : [],
    ),
  )
}
