import { statementName } from '../../iam/index.js'
import type { SourceRange } from '../../model/source.js'
import type { Value } from '../../parse/value.js'
import { ACCOUNT_LIST_SCHEMA } from '../../rules/shared/params.js'
import { defineRule, type AnyRule, type FrameworkExamples } from '../../rules/types.js'
import { errorAt, nodeAt, type RulebookError } from '../document.js'
import type { CustomRuleSpec } from '../format.js'
import { didYouMean } from '../nearest.js'
import { compileCondition } from './condition.js'
import { checkFieldPath, readField } from './fields.js'
import { KIND_NAMES, KINDS } from './kinds.js'

interface CustomParams {
  trusted_accounts: string[]
}

/** A custom rule from YAML, compiled into an ordinary rule: the pipeline runs it like a built-in one. */
export function compileCustomRule(spec: CustomRuleSpec, node: Value, source: string): { rule: AnyRule } | { errors: RulebookError[] } {
  const kind = KINDS[spec.match]
  if (!kind) return { errors: [errorAt(nodeAt(node, ['match']).value.loc, `unknown kind '${spec.match}'${didYouMean(spec.match, KIND_NAMES)} (kinds: ${KIND_NAMES.join(', ')})`)] }
  const condition = compileCondition(spec.where, nodeAt(node, ['where']).value, kind, spec.match)
  if ('errors' in condition) return condition
  const atPath = spec.at === undefined ? undefined : checkFieldPath(spec.at, nodeAt(node, ['at']).value, kind.shape, spec.match)
  if (atPath && 'error' in atPath) return { errors: [atPath.error] }
  const rule = defineRule<CustomParams>({
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    why: spec.why ?? `A rule of the organization's rulebook (${source}).`,
    fix: spec.fix ?? 'See the organization\'s rulebook.',
    links: [],
    params: { schema: { type: 'object', properties: { trusted_accounts: ACCOUNT_LIST_SCHEMA }, additionalProperties: false }, defaults: { trusted_accounts: [] } },
    check({ aws, params }, report) {
      const context = { aws, trustedAccounts: params.trusted_accounts }
      for (const item of kind.items(aws)) {
        const verdict = condition.evaluate(item, context)
        if (verdict.holds !== true) continue
        const pointed = spec.at === undefined ? undefined : readField(item.subject, spec.at).find((leaf) => leaf.loc)?.loc
        report({
          at: { loc: pointed ?? verdict.loc ?? item.loc },
          resource: item.meta,
          message: spec.message.replaceAll('{resource}', item.meta.address),
          element: item.iam?.kind === 'statement' ? statementName(item.iam.statement) : undefined,
        })
      }
    },
    examples: {
      terraform: examplesOf(spec, node, 'terraform'),
      cloudformation: examplesOf(spec, node, 'cloudformation'),
    },
  })
  return { rule }
}

function examplesOf(spec: CustomRuleSpec, node: Value, framework: 'terraform' | 'cloudformation'): FrameworkExamples<CustomParams> | undefined {
  const given = spec.examples?.[framework]
  if (!given) return undefined
  const located = (kind: 'bad' | 'good') => (given[kind] ?? []).map((example, i) => ({ ...example, declaredAt: codeStart(nodeAt(node, ['examples', framework, kind, i, 'code']).value) }))
  return { bad: located('bad'), good: located('good') }
}

/** The rulebook line of the code's first line: a block scalar's first content line, else where the string is written. */
function codeStart(code: Value): SourceRange {
  const origin = code.kind === 'string' ? code.textOrigin : undefined
  return origin ? { file: origin.file, startLine: origin.line, endLine: origin.line, startColumn: origin.column } : code.loc
}
