import stripAnsi from 'strip-ansi'

/*
 * Text from the scanned repository (names, values, paths, parser messages) reaches Markdown that GitHub
 * renders in comments, summaries and check runs, and terminals that obey escape sequences. It must
 * show as the text it is: no markup, links, HTML, mentions or headings; no colours, cursor moves or
 * reordered characters.
 */

// After strip-ansi has removed escape sequences whole: any other C0/C1 control character but the tab and line
// breaks, and the bidirectional overrides that reorder what a reader sees ("Trojan Source").
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g

/** Text without escape sequences or control characters; tabs and line breaks kept. */
export function withoutControls(text: string): string {
  return stripAnsi(text).replace(CONTROL, '')
}

/** One line of plain text, for a terminal or as the start of any other escaping: control characters and escape sequences removed (tabs kept), line breaks made spaces. */
export function plainLine(text: string): string {
  return withoutControls(text.replace(LINE_BREAK, ' '))
}

// Characters with a meaning in GitHub Markdown inline text; each is shown literally once backslash-escaped.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>#|~&!]/g
// What would start a block if the text began a line: a list item, a quote, a setext underline, an ordered item.
const BLOCK_START = /^(\s*)([-+=]|\d+(?=[.)]))/

/**
 * Repository text as Markdown prose on one line: punctuation escaped so nothing becomes a link, image, code
 * span, emphasis, table cell or HTML; `@name` cannot notify anyone (a zero-width space follows the `@`).
 */
export function markdownText(text: string): string {
  // Leading spaces would make an indented code block where the text starts a line; the edges carry nothing.
  return plainLine(text)
    .trim()
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(BLOCK_START, (_all, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`))
}

/** Repository text as inline code that cannot end early: fenced by more backticks than any run inside it. */
export function codeSpan(text: string): string {
  const flat = plainLine(text)
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  // Markdown drops one space at each end of a span that has both, and a backtick at an end would join the fence.
  const pad = /^`|`$/.test(flat) || (/^ [^]*[^ ][^]* $/.test(flat)) ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}
