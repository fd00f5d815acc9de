import { dump } from 'js-yaml'
import type { EffectiveRulebook, EffectiveRule } from './effective.js'

/** The merged rulebook as YAML, every rule listed with what it runs with: `policygate rulebook show`. */
export function showRulebook(effective: EffectiveRulebook, source: string): string {
  const header = [
    `# The effective rulebook: ${source}`,
    `# merged from ${effective.sources.length > 0 ? effective.sources.join(' → ') : "the rules' own defaults"} (later overrides earlier)`,
  ]
  const rules = Object.fromEntries([...effective.rules].sort((a, b) => a.rule.id.localeCompare(b.rule.id)).map((r) => [r.rule.id, describeRule(r)]))
  const waivers = effective.waivers.map(({ loc, ...waiver }) => ({ ...waiver, declared_at: `${loc.file}:${loc.startLine}` }))
  return `${header.join('\n')}\n${dump({ rules, waivers }, { lineWidth: 120, noRefs: true })}`
}

function describeRule(r: EffectiveRule): Record<string, unknown> {
  return {
    enabled: r.enabled,
    severity: r.severity,
    ...(Object.keys(r.params).length > 0 && { params: r.params }),
    ...((r.include || r.exclude) && { paths: { ...(r.include && { include: r.include }), ...(r.exclude && { exclude: r.exclude }) } }),
    ...(r.controls && { controls: r.controls }),
    ...(r.declaredIn && { custom: r.declaredIn }),
  }
}
