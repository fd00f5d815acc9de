import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from '../helpers/cli.js'

/** A fenced code block of a Markdown file: ```` ```yaml fragment ```` has language `yaml` and tags `['fragment']`. */
export interface CodeBlock {
  language: string
  /** Words after the language in the fence's info string; GitHub renders by the first word only. */
  tags: string[]
  body: string
  /** 1-based line of the opening fence, for messages. */
  line: number
}

export function readDoc(path: string): string {
  return readFileSync(join(REPO, path), 'utf8')
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!)
    if (!open) continue
    const [language = '', ...tags] = open[1]!.trim().split(/\s+/).filter(Boolean)
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!)
    blocks.push({ language, tags, body: body.length > 0 ? `${body.join('\n')}\n` : '', line: start + 1 })
  }
  return blocks
}

/**
 * The commands of a shell block, comments dropped; an indented line continues the command above it
 * (as the README's wrapped synopsis does).
 */
export function shellCommands(block: CodeBlock): string[] {
  const commands: string[] = []
  for (const raw of block.body.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '')
    if (line.trim() === '') continue
    if (/^\s/.test(line) && commands.length > 0) commands[commands.length - 1] += ` ${line.trim()}`
    else commands.push(line.trim())
  }
  return commands
}

/** Relative link targets of a Markdown file (`[text](target)`), anchors and web addresses left out. */
export function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#')).map((target) => target.split('#')[0]!)
}
