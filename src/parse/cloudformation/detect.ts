import { entry, field, type MapValue, type Value } from '../value.js'

const TEMPLATE_TYPE = /^(?:AWS|Alexa|Custom)::/

/** Before any parsing: a template mentions its format version, or a Resources section with AWS types. */
export function mightBeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && /(?:AWS|Alexa|Custom)::/.test(text))
}

/** For a document that does not parse: is it plausibly a template (then its syntax error is ours to report)? */
export function plausiblyTemplate(text: string): boolean {
  if (text.includes('AWSTemplateFormatVersion')) return true
  return /["']?Resources["']?\s*:/.test(text) && /["']?Type["']?\s*:\s*["']?(?:AWS|Alexa|Custom)::/.test(text)
}

/** A parsed document is a template when it declares the format version or has a Resources map of AWS (Alexa, Custom) types. */
export function isTemplate(root: Value): root is MapValue {
  if (root.kind !== 'map') return false
  if (entry(root, 'AWSTemplateFormatVersion')) return true
  const resources = field(root, 'Resources')
  if (resources?.kind !== 'map') return false
  return resources.entries.some(({ value }) => {
    const type = value.kind === 'map' ? field(value, 'Type') : undefined
    return type?.kind === 'string' && TEMPLATE_TYPE.test(type.value)
  })
}
