import type { InlineSuppression } from '../../model/resource.js'
import type { SourceRange } from '../../model/source.js'
import { parseSuppressionComment } from '../suppression-comment.js'
import type { RawResource } from '../types.js'
import { items, path, field, type Value } from '../value.js'
import { scalarText } from './build.js'

/**
 * `Metadata: { policygate: { ignore: [ { rule, reason, until } ] } }` on a resource. A single map
 * instead of a list, `rule_id` instead of `rule`, and a bare rule ID string are accepted too.
 * Checkov's `Metadata: { checkov: { skip: [ { id, comment } ] } }` is read too, for the rulebook to map.
 */
export function suppressionsOf(body: Value): InlineSuppression[] {
  return [...policygateSuppressions(body), ...checkovSkips(body)]
}

function checkovSkips(body: Value): InlineSuppression[] {
  return items(path(body, 'Metadata.checkov.skip')).flatMap((item): InlineSuppression[] => {
    if (item.kind !== 'map') return []
    const check = scalarText(field(item, 'id'))
    if (check === undefined) return []
    const reason = scalarText(field(item, 'comment'))?.trim()
    return [{ ruleId: check, foreign: 'checkov', loc: item.loc, ...(reason && { reason }) }]
  })
}

function policygateSuppressions(body: Value): InlineSuppression[] {
  return items(path(body, 'Metadata.policygate.ignore')).flatMap((item): InlineSuppression[] => {
    if (item.kind === 'string') return [{ ruleId: item.value, loc: item.loc }]
    if (item.kind !== 'map') return []
    const ruleId = scalarText(field(item, 'rule') ?? field(item, 'rule_id'))
    if (ruleId === undefined) return []
    const reason = scalarText(field(item, 'reason'))
    const until = scalarText(field(item, 'until'))
    return [{ ruleId, loc: item.loc, ...(reason !== undefined && { reason }), ...(until !== undefined && { until }) }]
  })
}

/**
 * `# policygate:ignore <rule-id> <reason…> [until YYYY-MM-DD]` in a YAML template, on a line of a resource or
 * in the comment lines just above one: added to that resource's suppressions, as in Terraform.
 */
export function attachCommentSuppressions(text: string, file: string, template: Value, resources: RawResource[]): void {
  const scalars = scalarRanges(template)
  const lines = text.split(/\r\n|\r|\n/)
  const commentOnly = (line: number) => /^\s*#/.test(lines[line - 1] ?? '')
  lines.forEach((content, index) => {
    const line = index + 1
    // A YAML comment starts at a `#` at the line's start or after a space, outside any scalar.
    for (const match of content.matchAll(/(?:^|\s)(#\s*policygate:ignore\b.*)$/g)) {
      const column = match.index + match[0].length - match[1]!.length + 1
      if (scalars.some((range) => covers(range, line, column))) continue
      const suppression = parseSuppressionComment(match[1]!.trim(), { file, startLine: line, endLine: line, startColumn: column })
      if (!suppression) continue
      const trailing = content.slice(0, column - 1).trim() !== ''
      let target = line
      if (!trailing) while (target <= lines.length && (commentOnly(target) || lines[target - 1]!.trim() === '')) target++
      resources.find((r) => r.loc.startLine <= target && target <= r.loc.endLine)?.suppressions.push(suppression)
    }
  })
}

function scalarRanges(value: Value): SourceRange[] {
  const ranges: SourceRange[] = []
  const visit = (node: Value): void => {
    if (node.kind === 'string') ranges.push(node.loc)
    else if (node.kind === 'list') node.items.forEach(visit)
    else if (node.kind === 'map') for (const entry of node.entries) {
      ranges.push(entry.keyLoc)
      visit(entry.value)
    }
  }
  visit(value)
  return ranges
}

function covers(range: SourceRange, line: number, column: number): boolean {
  if (line < range.startLine || line > range.endLine) return false
  if (line === range.startLine && column < (range.startColumn ?? 1)) return false
  if (line === range.endLine && range.endColumn !== undefined && column >= range.endColumn) return false
  return true
}
