import { readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { collectGivenInputs, type GivenInputs, type GivenInputTexts } from '../parse/given-inputs.js'

/** The `var-file`/`var`/`parameters`/`parameter` inputs, files read from the workspace (paths relative to it). */
export function readGivenInputs(texts: GivenInputTexts, workspace: string): GivenInputs | { error: string } {
  const collected = collectGivenInputs(texts, (path) => {
    const absolute = resolve(workspace, path)
    const inside = relative(workspace, absolute)
    if (inside.startsWith('..') || isAbsolute(inside)) return undefined
    try {
      return { path: inside.split(sep).join('/'), text: readFileSync(absolute, 'utf8') }
    } catch {
      return undefined
    }
  })
  return collected.ok ? collected.given : { error: `Input var-file/var/parameters/parameter: ${collected.error}` }
}
