import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { atLeast } from '../rules/types.js'
import { active } from '../report/summary.js'
import { toJson } from '../report/json.js'
import { toMarkdown } from '../report/markdown.js'
import { toSarif } from '../report/sarif.js'
import { toText } from '../report/text.js'
import { loadCliRulebook, printRulebookErrors } from '../rulebook/cli-commands.js'
import { scan } from '../scan.js'
import { VERSION } from '../version.js'
import { parseScanOptions } from './scan-options.js'

/** `policygate scan`: the pipeline over files and directories, one report, an exit status by --fail-on. */
export async function scanCommand(args: string[]): Promise<number> {
  const options = parseScanOptions(args)
  const { root, format } = options
  const loaded = await loadCliRulebook(root, options.rulebook)
  if (!loaded.ok) {
    printRulebookErrors(loaded.errors)
    return 2
  }
  const result = await scan({ root, paths: options.paths, rulebook: loaded.rulebook })
  const color = format === 'text' && !options.output && !options.noColor && !process.env.NO_COLOR && process.stdout.isTTY === true
  const report =
    format === 'json'
      ? toJson(result, VERSION)
      : format === 'sarif'
        ? JSON.stringify(toSarif(result, { toolVersion: VERSION, rules: loaded.rulebook.effective.rules.map((r) => r.rule) }), null, 2)
        : format === 'markdown'
          ? toMarkdown(result)
          : toText(result, { color, readLines: (file) => readLines(root, file) })
  if (options.output) writeFileSync(options.output, report)
  else process.stdout.write(report.endsWith('\n') ? report : `${report}\n`)
  if (options.failOn === 'none') return 0
  const failOn = options.failOn
  return active(result.findings).some((f) => atLeast(f.severity, failOn)) ? 1 : 0
}

function readLines(root: string, file: string): string[] | undefined {
  try {
    return readFileSync(resolve(root, file), 'utf8').split(/\r?\n/)
  } catch {
    return undefined
  }
}
