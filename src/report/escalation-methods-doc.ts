import { ESCALATION_METHODS } from '../iam/index.js'

/** Written to docs/rules/iam/escalation-methods.md by `npm run docs`, beside the rule pages. */
export const ESCALATION_METHODS_DOC = 'iam/escalation-methods.md'

/** The escalation catalog iam/privilege-escalation judges by, from src/iam/escalation/methods.ts. */
export function escalationMethodsMarkdown(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|')
  const rows = ESCALATION_METHODS.map((m) => {
    const steps = m.requires.map((alternatives) => alternatives.map((a) => `\`${a}\``).join(' or ')).join(' + ')
    const needed = (m.needsResources ?? []).map((alternatives) => alternatives.map((a) => `\`${a}\``).join(' or '))
    const target = `\`${m.target ?? m.requires[0]![0]!}\`${needed.length > 0 ? `, on ${needed.join(' and ')}` : ''}`
    const passed = m.passedTo ? `\`${m.passedTo}\`${m.associatedWith ? ` (for \`${m.associatedWith}\`)` : ''}` : ''
    return `| ${cell(m.name)} | ${steps} | ${passed} | ${target} | ${cell(m.description)} | [source](${m.link}) |`
  })
  return [
    '# Privilege-escalation methods',
    '',
    `The ${ESCALATION_METHODS.length} methods [iam/privilege-escalation](privilege-escalation.md) looks for, generated from \`src/iam/escalation/methods.ts\`.`,
    'A method counts when every step is granted, each in the request it makes: iam:PassRole is asked for the service the role is passed to',
    '(a grant limited by `iam:PassedToService` or `iam:AssociatedResourceARN` to another service does not count), and an action only on resources of a type it acts on.',
    'The finding is critical when the target step reaches every resource of its kind (any role, any function), high when it reaches only named ones.',
    '',
    '| Method | Steps | Role passed to | Target | What it does | Source |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}
