import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli.js'
import { tempRepo } from './helpers.js'

/* `policygate rulebook test` says which example failed, where it is written, what was expected and what was reported, at which lines. */

const RB = '.github/policygate.yml'

async function rulebookTest(rulebook: string): Promise<{ code: number; stdout: string }> {
  const repo = tempRepo({ [RB]: rulebook })
  let stdout = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  try {
    return { code: await main(['rulebook', 'test', '--root', repo.dir]), stdout }
  } finally {
    vi.restoreAllMocks()
    repo.cleanup()
  }
}

afterEach(() => vi.restoreAllMocks())

const TRAIL_RULE = `custom_rules:
  - id: acme/single-region
    title: t
    severity: low
    message: m
    match: cloudtrail.trail
    where: { field: isMultiRegion, equals: false }
    examples:
      terraform:
        bad:
          - code: |
              resource "aws_cloudtrail" "t" {
                name           = "t"
                s3_bucket_name = "b"
                is_multi_region_trail = false
              }
            lines: [2]
          - code: |
              resource "aws_cloudtrail" "t" {
                name                  = "t"
                s3_bucket_name        = "b"
                is_multi_region_trail = false
              }
        good:
          - code: "resource \\"aws_cloudtrail\\" \\"t\\" {\\n  name = \\"t\\"\\n  s3_bucket_name = \\"b\\"\\n}\\n"
`

describe('policygate rulebook test: a failed example', () => {
  it('names the rule, framework, kind and number, expected and reported lines, where it is written, and its lines marked', async () => {
    const { code, stdout: printed } = await rulebookTest(TRAIL_RULE)
    expect(code).toBe(1)
    // Marks line up in one column; below, the padding before them is squeezed to one space.
    expect(new Set(printed.split('\n').filter((line) => line.includes('←')).map((line) => line.indexOf('←'))).size).toBe(1)
    const stdout = printed.replace(/ +←/g, ' ←')
    expect(stdout).toContain(`✗ acme/single-region terraform bad #1: reported at line 4, expected line 2
    written at ${RB}:12:15
    1 | resource "aws_cloudtrail" "t" {
    2 |   name           = "t" ← expected here, not reported
    3 |   s3_bucket_name = "b"
    4 |   is_multi_region_trail = false ← reported here, not expected
    5 | }
`)
    expect(stdout).toContain(`✗ acme/single-region terraform bad #2: a bad example must list the lines to report (lines: [...]); reported at line 4
    written at ${RB}:19:15
    …
    2 |   name                  = "t"
    3 |   s3_bucket_name        = "b"
    4 |   is_multi_region_trail = false ← reported here, not expected
    5 | }
`)
    // A trail without is_multi_region_trail defaults to single-region: the good example is reported, at the resource's first line.
    expect(stdout).toContain(`✗ acme/single-region terraform good #1: reported at line 1, expected silence
    written at ${RB}:25:19
    1 | resource "aws_cloudtrail" "t" { ← reported here, expected silence
    2 |   name = "t"
    3 |   s3_bucket_name = "b"
    …
`)
    expect(stdout).toContain('0 passed, 3 failed')
  })

  it('a rule without both kinds of example says how many of each its file gives', async () => {
    const { stdout } = await rulebookTest(TRAIL_RULE.replace(/ {8}good:\n.*\n$/, ''))
    expect(stdout).toContain(`✗ acme/single-region: needs at least one bad and one good example (${RB} gives 2 bad, 0 good)`)
  })

  it('passing examples print one line each', async () => {
    const passing = TRAIL_RULE.replace('lines: [2]', 'lines: [4]').replace(/(is_multi_region_trail = false\n {14}}\n)(?! {12}lines)/, '$1            lines: [4]\n').replace('\\n  s3_bucket_name = \\"b\\"\\n}', '\\n  s3_bucket_name = \\"b\\"\\n  is_multi_region_trail = true\\n}')
    const { code, stdout } = await rulebookTest(passing)
    expect(stdout).toBe(`✓ acme/single-region terraform bad #1 (reported at line 4)\n✓ acme/single-region terraform bad #2 (reported at line 4)\n✓ acme/single-region terraform good #1\n\n3 passed, 0 failed\n`)
    expect(code).toBe(0)
  })
})
