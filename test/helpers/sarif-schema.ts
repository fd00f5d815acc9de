import AjvModule from 'ajv-draft-04'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// The official SARIF 2.1.0 schema, as shipped in Microsoft's SARIF test matcher package.
const require = createRequire(import.meta.url)
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')

export function sarifValidator() {
  const ajv = new AjvModule.default({ allErrors: true, strict: false, unicodeRegExp: false })
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')))
  return (log: unknown) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))
}
