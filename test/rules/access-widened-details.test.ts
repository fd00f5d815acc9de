import { describe, expect, it } from 'vitest'
import { toSarif } from '../../src/report/sarif.js'
import { toText } from '../../src/report/text.js'
import rule from '../../src/rules/iam/access-widened.js'
import type { ScanResult } from '../../src/scan.js'
import { scanExample } from '../helpers/examples.js'

const policy = (actions: string) => `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "app" {
  name = "app"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [${actions}], Resource = "*" }]
  })
}
`

describe('iam/access-widened lists the new access per service and level', () => {
  it('keeps the headline short and puts one line per service in details, which every report shows', async () => {
    const findings = await scanExample(rule, 'terraform', {
      base: policy('"s3:GetObject"'),
      code: policy('"s3:GetObject", "s3:PutObject", "iam:PassRole"'),
    })
    const [finding] = findings.filter((f) => f.ruleId === rule.id)
    expect(finding!.message).toBe('Role aws_iam_role.app can do 2 more actions than on the base branch')
    expect(finding!.details).toEqual(['iam: Write (PassRole)', 's3: Write (PutObject)'])
    const result = { root: '/repo', files: ['main.tf'], findings: [finding!], rulebookSource: 'test', judgedAt: new Date() } as unknown as ScanResult
    expect(toText(result, { color: false, readLines: () => undefined })).toContain('          iam: Write (PassRole)\n          s3: Write (PutObject)')
    const sarif = toSarif(result, { toolVersion: '0', rules: [rule] })
    expect(sarif.runs[0]!.results![0]!.message.text).toBe('Role aws_iam_role.app can do 2 more actions than on the base branch:\n- iam: Write (PassRole)\n- s3: Write (PutObject)')
  })
})

describe('shownDetails', () => {
  it('keeps reports with limited room short and says how much is left out', async () => {
    const { shownDetails } = await import('../../src/report/summary.js')
    const details = Array.from({ length: 25 }, (_, i) => `service${i}: Read (Get)`)
    const finding = { details } as unknown as Parameters<typeof shownDetails>[0]
    expect(shownDetails(finding, 20)).toEqual([...details.slice(0, 20), '…and 5 more'])
    expect(shownDetails(finding, 30)).toEqual(details)
  })
})
