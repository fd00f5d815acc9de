/*
 * Limits on what one scanned file may make the parsers do. Nothing real comes near them (CloudFormation
 * templates, IAM policies and plans nest a few dozen levels at most); a hostile file that passes them
 * is refused with a `policygate/parse-error` at the line where it passes them, so no input can exhaust
 * the JavaScript stack of a parser or of the stages after it. Documented in the README.
 */

/** Deepest nesting a parser accepts: JSON and YAML arrays/objects, HCL expressions and blocks. */
export const MAX_NESTING_DEPTH = 256

/**
 * Deepest value a resource may hold after evaluation. Evaluation can stack nested values (a Terraform
 * local holding another, a YAML alias of an alias), so the tree extract walks is bounded once more.
 */
export const MAX_VALUE_DEPTH = 512

/** The words every refusal for nesting ends with, so a caller can tell one from a syntax error. */
export const LIMIT_PASSED = 'policygate refuses such input rather than exhaust its stack'

/** The message of input refused for its nesting. */
export function tooDeepMessage(what: string): string {
  return `${what} nested more than ${MAX_NESTING_DEPTH} levels deep: ${LIMIT_PASSED}`
}

/**
 * Offset of the first `[` or `{` of JSON text that opens level MAX_NESTING_DEPTH + 1 (outside strings),
 * or -1. One pass over the text, so it runs before any recursive parser sees the text.
 */
export function jsonNestingExcess(text: string, max = MAX_NESTING_DEPTH): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1)
  }
  return -1
}
