// Writes policies/rulebook.schema.json from the rules themselves (see src/rulebook/schema.ts).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtinRules } from '../src/rules/index.js'
import { governanceRules } from '../src/rules/rulebook/index.js'
import { rulebookSchema } from '../src/rulebook/schema.js'

const out = join(process.cwd(), 'policies/rulebook.schema.json')
writeFileSync(out, `${JSON.stringify(rulebookSchema([...builtinRules, ...governanceRules]), null, 2)}\n`)
console.log(`wrote ${out}`)
