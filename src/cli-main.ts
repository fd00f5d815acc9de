#!/usr/bin/env node
import { main } from './cli.js'
import { errorText } from './report/redact.js'

// `policygate rules | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

// The bundle's entry: kept apart from cli.ts so tests can import main() without running it.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`policygate: internal error: ${errorText(error)}\n`)
    process.exitCode = 2
  },
)
