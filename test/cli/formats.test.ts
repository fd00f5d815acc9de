import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { corpusPath, describeWithCorpus } from '../helpers/corpus-dir.js'
import { sarifValidator } from '../helpers/sarif-schema.js'
import { PUBLIC_ROLE, tempRepo } from './temp-repo.js'

const out = mkdtempSync(join(tmpdir(), 'policygate-formats-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Every report of one scan, written by one run: text on stdout, the rest through -o FORMAT=FILE. */
function allFormats(target: string, extra: string[] = []) {
  const files = { json: join(out, 'r.json'), sarif: join(out, 'r.sarif'), markdown: join(out, 'r.md'), junit: join(out, 'r.xml'), github: join(out, 'r.txt') }
  const run = runCli(['scan', target, '--fail-on', 'none', ...Object.entries(files).flatMap(([format, file]) => ['-o', `${format}=${file}`]), ...extra])
  expect(run.code, run.stderr).toBe(0)
  const read = (file: string) => readFileSync(file, 'utf8')
  return { text: run.stdout, json: JSON.parse(read(files.json)), sarif: JSON.parse(read(files.sarif)), markdown: read(files.markdown), junit: read(files.junit), github: read(files.github) }
}

type Reports = ReturnType<typeof allFormats>

/** The count of active findings each format states or lists. */
function counts(reports: Reports): Record<string, number> {
  const headline = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? (/No findings/.test(text) ? 0 : NaN))
  return {
    // Text lists unresolved values only on request, and counts them on a line of their own.
    text: headline(reports.text, /^(\d+) finding\(s\) in \d+ file\(s\)/m) + Number(/^(\d+) value\(s\) could not be determined/m.exec(reports.text)?.[1] ?? 0),
    json: reports.json.summary.total,
    sarif: reports.sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => !r.suppressions).length,
    markdown: headline(reports.markdown, /\*\*(\d+) finding\(s\)\*\*/),
    junit: [...reports.junit.matchAll(/<failure message="(\d+) finding\(s\)/g)].reduce((n, m) => n + Number(m[1]), 0),
    github: reports.github.split('\n').filter((l) => l.startsWith('::')).length,
  }
}

/** Every line number every format reports. */
function lines(reports: Reports): number[] {
  return [
    ...reports.json.findings.flatMap((f: { loc: { startLine: number; endLine: number }; related?: { loc: { startLine: number } }[] }) => [f.loc.startLine, f.loc.endLine, ...(f.related ?? []).map((r) => r.loc.startLine)]),
    ...reports.sarif.runs[0].results.flatMap((r: { locations: { physicalLocation: { region: { startLine: number; endLine: number } } }[]; relatedLocations?: { physicalLocation: { region: { startLine: number } } }[] }) => [
      ...r.locations.flatMap((l) => [l.physicalLocation.region.startLine, l.physicalLocation.region.endLine]),
      ...(r.relatedLocations ?? []).map((l) => l.physicalLocation.region.startLine),
    ]),
    ...[...reports.junit.matchAll(/ line="(-?\d+)"/g)].map((m) => Number(m[1])),
    ...[...reports.github.matchAll(/[:,](?:line|endLine)=(-?\d+)/g)].map((m) => Number(m[1])),
    ...[...reports.markdown.matchAll(/`[^`\s]+:(-?\d+)`/g)].map((m) => Number(m[1])),
    ...[...reports.text.matchAll(/^ {2}(-?\d+):\d+ /gm)].map((m) => Number(m[1])),
  ]
}

describe('report formats (bundled CLI)', () => {
  const reports = allFormats('examples')

  it('one run writes text to the terminal and every other format to its file (-o FORMAT=FILE, repeatable)', () => {
    expect(reports.text).toMatch(/\d+ finding\(s\) in 3 file\(s\)/)
    expect(reports.json.tool.name).toBe('policygate')
    expect(sarifValidator()(reports.sarif)).toEqual([])
    expect(reports.markdown).toMatch(/^## policygate/)
    expect(reports.junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    expect(reports.github).toMatch(/^::(error|warning|notice) file=examples\//)
  })

  it('all formats agree on the number of findings', () => {
    const byFormat = counts(reports)
    expect(byFormat.json).toBeGreaterThan(10)
    expect(new Set(Object.values(byFormat)), JSON.stringify(byFormat)).toEqual(new Set([byFormat.json]))
  })

  it('JUnit has one test case per rule and file, failing with each finding of that rule on its own line', () => {
    const cases = [...reports.junit.matchAll(/<testcase name="([^"]+)" classname="([^"]+)"/g)].map((m) => `${m[2]} ${m[1]}`)
    expect(new Set(cases).size).toBe(cases.length)
    const expected = new Set(reports.json.findings.filter((f: { suppressed?: unknown }) => !f.suppressed).map((f: { loc: { file: string }; ruleId: string }) => `${f.loc.file} ${f.ruleId}`))
    expect(new Set(cases)).toEqual(expected)
    const tf = 'examples/terraform/main.tf'
    const line = readFileSync(tf, 'utf8').split('\n').findIndex((l) => l.includes('enable_log_file_validation = false')) + 1
    expect(reports.junit).toContain(`${tf}:${line} medium`)
    expect(reports.junit).toMatch(/<testsuites name="policygate" tests="(\d+)" failures="\1"/)
  })

  it('github workflow commands carry file, line and title, escaped as the runner reads them', () => {
    const first = reports.github.split('\n')[0]!
    expect(first).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,endLine=\d+(,col=\d+)?,title=[a-z-]+\/[a-z-]+ \([a-z]+\)::\S/)
    expect(reports.github).not.toMatch(/::[^\n]*\n(?!::|$)/)
  })

  it('every location in every format is a real line ≥ 1', () => {
    const all = lines(reports)
    expect(all.length).toBeGreaterThan(100)
    expect(all.filter((n) => !(n >= 1))).toEqual([])
  })

  it('--output FILE alone still replaces stdout; --format junitxml is Checkov’s name for junit', () => {
    const file = join(out, 'only.xml')
    const run = runCli(['scan', 'examples', '--format', 'junitxml', '--output', file, '--fail-on', 'none'])
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', ''])
    expect(readFileSync(file, 'utf8')).toContain('<testsuites name="policygate"')
    expect(runCli(['scan', 'examples', '-o', `xml=${file}`]).code).toBe(2)
    const unwritable = runCli(['scan', 'examples', '-o', `sarif=${join(out, 'no', 'such', 'dir.sarif')}`])
    expect([unwritable.code, unwritable.stderr]).toEqual([2, expect.stringContaining('cannot write')])
  })

  it('--quiet prints only findings at or above --fail-on', () => {
    const quiet = runCli(['scan', 'examples', '--quiet', '--fail-on', 'critical'])
    expect(quiet.code).toBe(1)
    const severities = [...quiet.stdout.matchAll(/^ {2}\d+:\d+ +([a-z]+) /gm)].map((m) => m[1])
    expect(severities.length).toBe(reports.json.summary.bySeverity.critical)
    expect(new Set(severities)).toEqual(new Set(['critical']))
    expect(quiet.stdout).toMatch(new RegExp(`^${severities.length} finding\\(s\\) in \\d+ file\\(s\\): ${severities.length} critical$`, 'm'))
  })

  it('text and Markdown end with the files scanned, skipped by ignore rules and not recognised', () => {
    const closing = /Files: 3 scanned, 0 skipped by ignore rules, (\d+) not recognised\./
    expect(reports.text.trimEnd().split('\n').pop()).toMatch(closing)
    expect(reports.markdown).toMatch(closing)
    expect(reports.json.summary.unrecognisedFiles).toBe(Number(closing.exec(reports.text)![1]))
    expect(reports.json.summary.unrecognisedFiles).toBeGreaterThan(0)
  })
})

describe('report formats with values that could not be determined', () => {
  it('Markdown counts unresolved values as text, JSON and SARIF do', () => {
    const dir = tempRepo({
      'main.tf': `variable "policy" {}\nresource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = var.policy\n}\n${PUBLIC_ROLE}`,
    })
    try {
      const reports = allFormats(dir)
      expect(reports.json.findings.filter((f: { ruleId: string }) => f.ruleId === 'policygate/unresolved').length).toBeGreaterThan(0)
      const byFormat = counts(reports)
      expect(new Set(Object.values(byFormat)), JSON.stringify(byFormat)).toEqual(new Set([byFormat.json]))
      expect(reports.markdown).toMatch(/of them values that could not be determined/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describeWithCorpus(['realworld'], 'report formats on the real-world corpus', () => {
  it('SARIF validates against the official schema, every line is ≥ 1 and the formats agree on counts', () => {
    const reports = allFormats(corpusPath('realworld'))
    expect(sarifValidator()(reports.sarif)).toEqual([])
    expect(reports.sarif.runs[0].results.length).toBeGreaterThan(100)
    expect(lines(reports).filter((n) => !(n >= 1))).toEqual([])
    const byFormat = counts(reports)
    expect(new Set(Object.values(byFormat)), JSON.stringify(byFormat)).toEqual(new Set([byFormat.json]))
  }, 180_000)
})
