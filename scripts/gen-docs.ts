// Writes docs/rules/<area>/<rule>.md and docs/rules/README.md from the rule files themselves.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { cisControlsByRule } from '../src/rulebook/index.js'
import { builtinRules } from '../src/rules/index.js'
import { governanceRules } from '../src/rules/rulebook/index.js'
import { ESCALATION_METHODS_DOC, escalationMethodsMarkdown } from '../src/report/escalation-methods-doc.js'
import { ruleDocMarkdown, rulesIndexMarkdown } from '../src/report/rule-docs.js'

const out = join(process.cwd(), 'docs/rules')
rmSync(out, { recursive: true, force: true })
const rules = [...builtinRules, ...governanceRules]
const controls = await cisControlsByRule()
for (const rule of rules) {
  const file = join(out, `${rule.id}.md`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, ruleDocMarkdown(rule, controls.get(rule.id)))
}
writeFileSync(join(out, 'README.md'), rulesIndexMarkdown(rules))
writeFileSync(join(out, ESCALATION_METHODS_DOC), escalationMethodsMarkdown())
console.log(`wrote ${rules.length} rule pages to docs/rules/`)

