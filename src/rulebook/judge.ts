import picomatch from 'picomatch'
import type { AwsModel } from '../model/aws.js'
import type { InlineSuppression, ResourceMeta } from '../model/resource.js'
import { firstLine, type SourceRange } from '../model/source.js'
import type { Finding, Suppression } from '../rules/types.js'
import { hasExpired } from './dates.js'
import { rulesCoveredBy } from './foreign-checks.js'
import { selectorMatches, type EffectiveRulebook, type EffectiveRule, type Waiver } from './effective.js'
import { resourceLookup, resourcesOf } from './resources.js'
import type { SuppressionGate } from './types.js'

/*
 * The rulebook stage of the pipeline: drops findings outside a rule's paths, hides what waivers and
 * inline suppressions cover, and reports the exceptions themselves when they are stale or unexplained.
 * An exception without a reason, or past its date, hides nothing.
 */

type Matcher = (path: string) => boolean

interface Scope {
  include?: Matcher
  exclude?: Matcher
}

const glob = (patterns: string[]): Matcher => picomatch(patterns, { dot: true })

function scopes(rules: EffectiveRule[]): Map<string, Scope> {
  return new Map(
    rules
      .filter((r) => r.include || r.exclude)
      .map((r) => [r.rule.id, { include: r.include && glob(r.include), exclude: r.exclude && glob(r.exclude) }]),
  )
}

function inScope(scope: Scope | undefined, file: string): boolean {
  if (!scope) return true
  return (!scope.include || scope.include(file)) && !(scope.exclude?.(file) ?? false)
}

interface CompiledWaiver {
  waiver: Waiver
  resource?: Matcher
  path?: Matcher
}

function waiverMatches(compiled: CompiledWaiver, finding: Finding): boolean {
  if (!selectorMatches(compiled.waiver.rule, finding.ruleId)) return false
  if (compiled.path && !compiled.path(finding.loc.file)) return false
  if (compiled.resource && !(finding.resource && compiled.resource(finding.resource.address))) return false
  return true
}

/** Whether every enabled rule's paths leave `file` out; undefined when some rule reports everywhere. */
export function excludedFromEveryRule(effective: EffectiveRulebook): ((file: string) => boolean) | undefined {
  const enabled = effective.rules.filter((r) => r.enabled)
  if (enabled.length === 0 || enabled.some((r) => !r.include && !r.exclude)) return undefined
  const ruleScopes = scopes(enabled)
  return (file) => enabled.every((r) => !inScope(ruleScopes.get(r.rule.id), file))
}

export function judge(effective: EffectiveRulebook): (findings: Finding[], model: AwsModel, now: Date, gate?: SuppressionGate) => Finding[] {
  const ruleScopes = scopes(effective.rules)
  const governance = new Map(effective.rules.filter((r) => r.rule.id.startsWith('rulebook/')).map((r) => [r.rule.id, r]))
  const waivers: CompiledWaiver[] = effective.waivers.map((waiver) => ({
    waiver,
    resource: waiver.resource === undefined ? undefined : picomatch(waiver.resource, { dot: true, bash: true }),
    path: waiver.path === undefined ? undefined : glob([waiver.path]),
  }))

  const foreignSetting = effective.rules.find((r) => r.rule.id === 'rulebook/foreign-suppression')
  const honourForeign = foreignSetting?.params.honour_foreign_suppressions !== false
  /** A policygate suppression names its rule or area; a Checkov or Trivy one covers the rules its check maps to. */
  const suppresses = (suppression: InlineSuppression, ruleId: string): boolean =>
    suppression.foreign ? honourForeign && rulesCoveredBy(suppression.foreign, suppression.ruleId).includes(ruleId) : selectorMatches(suppression.ruleId, ruleId)

  return (findings, model, now, gate) => {
    const governed: Finding[] = []
    const report = (ruleId: string, loc: SourceRange, message: string, resource?: ResourceMeta, element?: string) => {
      const setting = governance.get(ruleId)
      if (!setting?.enabled) return
      governed.push({
        ruleId, severity: setting.severity, title: setting.rule.title, message, loc, element,
        ...(resource && { resource: { address: resource.address, type: resource.sourceType } }),
      })
    }

    // One walk of the model serves the lookup and the suppression check below.
    const resources = resourcesOf(model)
    const lookup = resourceLookup(resources)
    const kept = findings.filter((f) => inScope(ruleScopes.get(f.ruleId), f.loc.file))
    for (const finding of kept) {
      if (!finding.resource) continue
      const meta = lookup(finding.resource.address, finding.loc.file, finding.loc.startLine)
      const suppression = meta?.suppressions.find((s) => suppresses(s, finding.ruleId) && s.reason !== undefined && !hasExpired(s.until ?? '9999-12-31', now) && (gate?.(s, finding) ?? true))
      if (suppression) finding.suppressed = inline(suppression)
    }

    const waiverHits = new Map<Waiver, number>()
    for (const finding of kept) {
      if (finding.suppressed) continue
      for (const compiled of waivers) {
        if (!waiverMatches(compiled, finding)) continue
        const { waiver } = compiled
        waiverHits.set(waiver, (waiverHits.get(waiver) ?? 0) + 1)
        if (waiver.expires !== undefined && hasExpired(waiver.expires, now)) continue
        finding.suppressed = { kind: 'waiver', reason: waiver.reason, ...(waiver.expires && { until: waiver.expires }), ...(waiver.owner && { owner: waiver.owner }) }
        break
      }
    }

    for (const { waiver } of waivers) {
      if (waiver.expires === undefined || !hasExpired(waiver.expires, now)) continue
      const hits = waiverHits.get(waiver) ?? 0
      const again = hits > 0 ? `; the ${hits} finding${hits > 1 ? 's' : ''} it hid ${hits > 1 ? 'are' : 'is'} reported again` : ''
      report('rulebook/waiver-expired', firstLine(waiver.loc), `The waiver of ${waiver.rule} for ${waiver.resource ?? waiver.path} expired on ${waiver.expires}${waiver.owner ? ` (owner: ${waiver.owner})` : ''}${again}`, undefined, `waiver[${waiver.rule}|${waiver.resource ?? ''}|${waiver.path ?? ''}]`)
    }

    // Resources derived from one declaration (a SAM API's parts) share its suppressions: judge each once.
    const judged = new Set<InlineSuppression>()
    for (const meta of resources) {
      for (const suppression of meta.suppressions) {
        if (judged.has(suppression)) continue
        judged.add(suppression)
        if (suppression.foreign) {
          const covered = honourForeign ? rulesCoveredBy(suppression.foreign, suppression.ruleId) : []
          // Another tool's check with no policygate counterpart (or foreign comments turned off) is not this rulebook's business.
          if (covered.length === 0) continue
          report('rulebook/foreign-suppression', suppression.loc, foreignMessage(suppression, covered, meta.address), meta, `suppression[${suppression.foreign}:${suppression.ruleId}]`)
        }
        const element = `suppression[${suppression.ruleId}]`
        if (suppression.reason === undefined) {
          report('rulebook/waiver-no-reason', suppression.loc, `The suppression of ${suppression.ruleId} on ${meta.address} gives no reason, so it hides nothing`, meta, element)
        } else if (suppression.until !== undefined && hasExpired(suppression.until, now)) {
          report('rulebook/waiver-expired', suppression.loc, `The suppression of ${suppression.ruleId} on ${meta.address} expired on ${suppression.until}; what it hid is reported again`, meta, element)
        }
      }
    }
    return [...kept, ...governed]
  }
}

function foreignMessage(suppression: InlineSuppression, covered: string[], address: string): string {
  const written = suppression.foreign === 'checkov' ? `checkov:skip=${suppression.ruleId}` : `trivy:ignore:${suppression.ruleId}`
  const reason = suppression.reason ? `"${suppression.reason}"` : 'no reason, so it hides nothing'
  return `${written} on ${address} is honoured as a suppression of ${covered.join(', ')} (${reason}); write it as \`policygate:ignore ${covered[0]} <reason>\``
}

function inline(suppression: InlineSuppression): Suppression {
  return { kind: 'inline', reason: suppression.reason!, ...(suppression.until && { until: suppression.until }) }
}
