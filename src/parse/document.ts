import { mightBeTemplate } from './cloudformation/detect.js'
import { parseTemplate } from './cloudformation/index.js'
import type { TemplateParameterValues } from './cloudformation/sections.js'
import { fileFailure, readHead, readScannedFile } from './files.js'
import { parsePlan } from './plan/index.js'
import type { Diagnostic, ParsedUnit } from './types.js'

/**
 * One YAML/JSON file of a scan: a plan, a CloudFormation template, or undefined when it is neither.
 * Never throws: a failure while reading it is its parse error, and the scan goes on.
 */
export function parseDocumentFile(root: string, path: string, maxBytes: number, parameters?: TemplateParameterValues): ParsedUnit | undefined {
  const read = readScannedFile(root, path, maxBytes)
  if ('diagnostic' in read) return mayBeOurs(root, path) ? failedUnit(path, read.diagnostic) : undefined
  try {
    const file = { path, text: read.text }
    return parsePlan(file) ?? parseTemplate(file, parameters)
  } catch (error) {
    return failedUnit(path, fileFailure(path, 'the file could not be read', error))
  }
}

/** A document that could not be read is reported only when its first bytes look like a template or a plan: any other YAML/JSON is none of ours. */
function mayBeOurs(root: string, path: string): boolean {
  try {
    const head = readHead(root, path).replace(/^\uFEFF/, '')
    return mightBeTemplate(head) || (/^\s*\{/.test(head) && head.includes('"format_version"'))
  } catch {
    return false
  }
}

function failedUnit(path: string, diagnostic: Diagnostic): ParsedUnit {
  return { framework: 'cloudformation', files: [path], resources: [], inputs: [], literals: [], diagnostics: [diagnostic] }
}
