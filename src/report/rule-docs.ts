import type { AnyRule, Example } from '../rules/types.js'

/** A rule's documentation page, generated from the rule file itself: the same text `policygate explain` prints. */
export function ruleDocMarkdown(rule: AnyRule, controls: string[] = []): string {
  const out: string[] = [
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    `Severity: **${rule.severity}**${rule.enabledByDefault === false ? ' · off by default (enable it in the rulebook)' : ''}`,
    '',
    ...(controls.length > 0 ? [`Implements: ${controls.join(', ')} (preset \`policygate:cis-aws\`)`, ''] : []),
    '## Why it matters',
    '',
    rule.why,
    '',
    '## How to fix',
    '',
    rule.fix,
    '',
  ]
  if (rule.subsumes) {
    const where = rule.subsumes.within === 'statement' ? 'in the same policy statement' : 'at the same entry'
    out.push('## Folds in', '', `Findings of these rules ${where} are part of this rule's finding ("also: …"), not reported on their own:`, '', ...rule.subsumes.rules.map((id) => `- \`${id}\``), '')
  }
  if (rule.params) {
    out.push('## Parameters', '', '| name | default | description |', '| --- | --- | --- |')
    const properties = (rule.params.schema.properties ?? {}) as Record<string, { description?: string }>
    for (const [name, schema] of Object.entries(properties)) {
      out.push(`| \`${name}\` | \`${JSON.stringify((rule.params.defaults as Record<string, unknown>)[name])}\` | ${schema.description ?? ''} |`)
    }
    out.push('')
  }
  for (const [framework, label, fence] of [['terraform', 'Terraform', 'hcl'], ['cloudformation', 'CloudFormation', 'yaml']] as const) {
    const examples = rule.examples[framework]
    if (!examples) continue
    out.push(`## ${label}`, '')
    for (const example of examples.bad) out.push(...exampleBlock('Flagged', example, fence))
    for (const example of examples.good) out.push(...exampleBlock('Passes', example, fence))
  }
  if (rule.links.length > 0) out.push('## References', '', ...rule.links.map((link) => `- <${link}>`), '')
  return out.join('\n')
}

function exampleBlock(label: string, example: Example<object>, fence: string): string[] {
  const lines = example.lines?.length ? ` (line ${example.lines.join(', ')})` : ''
  const lang = example.code.trimStart().startsWith('{') ? 'json' : fence
  const others = Object.entries(example.files ?? {}).flatMap(([path, text]) => [`\`${path}\`:`, '', '```' + fence, text.trimEnd(), '```', ''])
  return [`${label}${lines}:`, '', '```' + lang, example.code.trimEnd(), '```', '', ...others]
}

/** docs/rules/README.md: every rule, by area, linking its page. */
export function rulesIndexMarkdown(rules: AnyRule[]): string {
  const out = ['# Rules', '', `${rules.length} built-in rules. Each page is generated from the rule's own file (\`npm run docs\`).`, '']
  const areas = [...new Set(rules.map((r) => r.id.split('/')[0]!))].sort()
  for (const area of areas) {
    out.push(`## ${area}`, '', '| rule | severity | what it flags |', '| --- | --- | --- |')
    for (const rule of rules.filter((r) => r.id.startsWith(`${area}/`)).sort((a, b) => a.id.localeCompare(b.id))) {
      out.push(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.severity} | ${rule.title} |`)
    }
    out.push('')
  }
  return out.join('\n')
}
