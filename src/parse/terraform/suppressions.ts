import type { InlineSuppression } from '../../model/resource.js'
import { parseSuppressionComment } from '../suppression-comment.js'
import type { Block, SyntaxFile } from './syntax.js'

/**
 * `# policygate:ignore <rule-id> <reason…> [until YYYY-MM-DD]` (or `//`), written on the line of a block
 * or one of its attributes, or in the comment lines just above one: attached to the block that line belongs to.
 */
export function suppressionsByBlock(file: SyntaxFile, blocks: Block[]): Map<Block, InlineSuppression[]> {
  const found = new Map<Block, InlineSuppression[]>()
  const commentLines = new Set(file.comments.filter((c) => !c.trailing).map((c) => c.range.startLine))
  for (const comment of file.comments) {
    const suppression = parseSuppressionComment(comment.text.trim(), comment.range)
    if (!suppression) continue
    let line = comment.range.startLine
    if (!comment.trailing) {
      line += 1
      while (commentLines.has(line)) line += 1
    }
    const owner = blocks.find((b) => b.range.startLine <= line && line <= b.range.endLine)
    if (owner) found.set(owner, [...(found.get(owner) ?? []), suppression])
  }
  return found
}
