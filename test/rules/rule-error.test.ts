import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rulebook } from '../../src/rulebook/types.js'
import { defineRule } from '../../src/rules/types.js'
import { scan } from '../../src/scan.js'

const policy = (name: string, action: string) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "${action}"
      Resource = "*"
    }]
  })
}
`

/** A rule with a bug: it fails on one action's value, after judging others fine. */
const brittle = defineRule({
  id: 'test/brittle',
  severity: 'low',
  title: 'Brittle',
  why: 'A test rule.',
  fix: 'None.',
  links: [],
  check({ aws }) {
    for (const p of aws.iam.policies) {
      for (const statement of p.document.statements) {
        for (const action of statement.actions ?? []) {
          if (action.value === 's3:PutObject') throw new TypeError(`cannot judge ${String(action.value)} from ${join(process.cwd(), 'dist', 'chunks', 'chunk-X.js')}`)
        }
      }
    }
  },
  examples: {},
})

const only = (rule: typeof brittle): Rulebook => ({ source: 'test', rules: [{ rule, params: {}, severity: rule.severity }], apply: (findings) => findings })

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policygate-rule-error-'))
  mkdirSync(join(dir, 'iam'))
  writeFileSync(join(dir, 'iam', 'a.tf'), policy('reader', 's3:GetObject'))
  writeFileSync(join(dir, 'iam', 'b.tf'), `\n\n${policy('writer', 's3:PutObject')}`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('policygate/rule-error', () => {
  it('points at the value the rule was judging when it threw, and prints no absolute path', async () => {
    const result = await scan({ root: dir, rulebook: only(brittle) })
    const errors = result.findings.filter((f) => f.ruleId === 'policygate/rule-error')
    expect(errors.map((f) => [f.loc.file, f.loc.startLine])).toEqual([['iam/b.tf', 9]])
    expect(errors[0]!.message).toMatch(/^test\/brittle: cannot judge s3:PutObject from chunk-X\.js \(at .*rule-error\.test\.ts:\d+:\d+\)+$/)
    expect(errors[0]!.message).not.toContain(process.cwd())
    expect(errors[0]!.message).not.toContain(tmpdir())
  })

  it('a rule that throws before reading anything located points at the first file judged, never at "."', async () => {
    const eager = defineRule({ ...brittle, id: 'test/eager', check() { throw new Error('no') } })
    const result = await scan({ root: dir, rulebook: only(eager) })
    const errors = result.findings.filter((f) => f.ruleId === 'policygate/rule-error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.loc.file).toMatch(/^iam\/[ab]\.tf$/)
  })
})
