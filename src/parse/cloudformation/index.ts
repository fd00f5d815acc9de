import type { SourceRange } from '../../model/source.js'
import { parseJsonValue } from '../json.js'
import type { ParsedUnit } from '../types.js'
import type { Value } from '../value.js'
import { isTemplate, mightBeTemplate, plausiblyTemplate } from './detect.js'
import { Evaluator } from './evaluate.js'
import { LOOP_PREFIX, expandLoops, type ExpandedTemplate } from './foreach.js'
import { inputsOf, literalsOf, resourcesOf, scopeOf, type TemplateParameterValues } from './sections.js'
import { attachCommentSuppressions } from './suppressions.js'
import { parseYamlValue } from './yaml.js'

/**
 * A CloudFormation/SAM template (YAML or JSON) recognised by content, or undefined when the document
 * is not one (workflows, Kubernetes manifests, package.json, broken YAML that is not a template).
 */
export function parseTemplate(file: { path: string; text: string }, parameters?: TemplateParameterValues): ParsedUnit | undefined {
  if (!mightBeTemplate(file.text)) return undefined
  const parsed = parseDocument(file.path, file.text)
  if (parsed.error) {
    if (!plausiblyTemplate(file.text)) return undefined
    return { ...emptyUnit(file.path), diagnostics: [{ kind: 'parse-error', message: parsed.error.message, loc: parsed.error.loc }] }
  }
  if (parsed.value?.kind !== 'map') return undefined
  const written = parsed.value
  // A loop's key is always written out, so a template without the text has nothing to expand.
  const { template, repeated }: ExpandedTemplate = file.text.includes(LOOP_PREFIX) ? expandLoops(written) : { template: written, repeated: new Set() }
  if (!isTemplate(template)) return undefined
  const evaluator = new Evaluator(scopeOf(template, parameters))
  const resources = resourcesOf(template, evaluator, repeated)
  if (!isJson(file.text)) attachCommentSuppressions(file.text, file.path, written, resources)
  return {
    ...emptyUnit(file.path),
    resources,
    inputs: inputsOf(template),
    // Literals as written: a loop's strings are one secret, not one per copy.
    literals: literalsOf(written),
  }
}

function parseDocument(path: string, text: string): { value?: Value; error?: { message: string; loc: SourceRange } } {
  // The reader (src/sources/text.ts) has dropped any byte-order mark and made every line break `\n`.
  return isJson(text) ? parseJsonValue(text, { file: path, line: 1, column: 1 }) : parseYamlValue(text, path)
}

function isJson(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text)
}

function emptyUnit(path: string): ParsedUnit {
  return { framework: 'cloudformation', files: [path], resources: [], inputs: [], literals: [], diagnostics: [] }
}
