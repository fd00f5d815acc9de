// `npm run fuzz [-- --count N] [--seconds S] [--seed N] [--only policy,hcl,…] [--save DIR]`: hostile inputs for every parser and whole repositories (scripts/fuzz/engine.ts).
import { parseArgs } from 'node:util'
import { fuzz } from './fuzz/engine.js'

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seconds: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, save: { type: 'string' } } })
const report = await fuzz({
  count: Number(values.count),
  ...(values.seconds ? { seconds: Number(values.seconds) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.only ? { only: values.only.split(',') } : {}),
  ...(values.save ? { saveTo: values.save } : {}),
  log: (line) => console.log(line),
})
console.log(`\n${report.inputs} inputs in ${report.seconds} s (seed ${report.seed}): ${JSON.stringify(report.byTarget)}`)
console.log(report.failures.length === 0 ? 'no failures' : `${report.failures.length} failure(s)`)
process.exitCode = report.failures.length === 0 ? 0 : 1
