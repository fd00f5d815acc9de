import { describe, expect, it } from 'vitest'
import { toText } from '../../src/report/text.js'
import type { ScanResult } from '../../src/scan.js'

const result = {
  root: '/repo',
  files: ['main.tf'],
  rulebookSource: 'test',
  judgedAt: new Date(),
  findings: [
    {
      ruleId: 'trail/log-validation-disabled', severity: 'medium', title: 'CloudTrail log file validation is off', message: 'Log file validation is off',
      loc: { file: 'main.tf', startLine: 2, endLine: 2, startColumn: 3 }, resource: { address: 'aws_cloudtrail.t', type: 'aws_cloudtrail' },
    },
  ],
} as unknown as ScanResult

const source = ['resource "aws_cloudtrail" "t" {', '  enable_log_file_validation = false', '}']

describe('text report', () => {
  it('paints severities and the frame only when asked (a terminal without NO_COLOR)', () => {
    const painted = toText(result, { color: true, readLines: () => source })
    const plain = toText(result, { color: false, readLines: () => source })
    expect(painted).toContain('\u001b[33mmedium')
    expect(plain).not.toContain('\u001b[')
    expect(plain).toContain('main.tf\n  2:3     medium   Log file validation is off  trail/log-validation-disabled')
    expect(plain).toMatch(/> 2 \| {3}enable_log_file_validation = false/)
    expect(plain).toContain('1 finding(s) in 1 file(s): 1 medium')
  })

  it('prints the findings of one line under one code frame, most severe first, and ends with counts per rule and severity', () => {
    const at = (line: number, severity: string, ruleId: string, message: string) => ({
      ruleId, severity, title: ruleId, message, loc: { file: 'main.tf', startLine: line, endLine: line, startColumn: 3 }, resource: { address: 'aws_cloudtrail.t', type: 'aws_cloudtrail' },
    })
    const three = {
      ...result,
      findings: [
        at(2, 'low', 'trail/no-cloudwatch-logs', 'No CloudWatch Logs'),
        at(2, 'medium', 'trail/log-validation-disabled', 'Log file validation is off'),
        at(2, 'high', 'trail/not-multi-region', 'One region only'),
        at(3, 'medium', 'trail/log-validation-disabled', 'Again'),
      ],
    } as unknown as ScanResult
    const plain = toText(three, { color: false, readLines: () => source })
    expect(plain.match(/> 2 \|/g)).toHaveLength(1)
    const order = ['One region only', 'Log file validation is off', 'No CloudWatch Logs', '> 2 |', 'Again', '> 3 |'].map((text) => plain.indexOf(text))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    const lines = plain.trimEnd().split('\n')
    const table = lines.slice(lines.findIndex((line) => line.startsWith('rule ')), -1)
    expect(table[0]).toMatch(/^rule\s+critical\s+high\s+medium\s+low\s+info\s+total$/)
    expect(table.slice(1).map((row) => row.split(/\s+/))).toEqual([
      ['trail/not-multi-region', '·', '1', '·', '·', '·', '1'],
      ['trail/log-validation-disabled', '·', '·', '2', '·', '·', '2'],
      ['trail/no-cloudwatch-logs', '·', '·', '·', '1', '·', '1'],
    ])
  })

  it('counts unresolved values under the summary, and lists them only with --show-unresolved', () => {
    const unresolved = { ruleId: 'policygate/unresolved', severity: 'info', title: 'Value could not be determined', message: 'aws_iam_policy.p: the identity policy document could not be determined (var.policy)', loc: { file: 'main.tf', startLine: 3, endLine: 3 } }
    const withUnresolved = { ...result, findings: [...result.findings, unresolved, { ...unresolved, loc: { file: 'main.tf', startLine: 1, endLine: 1 } }] } as unknown as ScanResult
    const quiet = toText(withUnresolved, { color: false, readLines: () => source })
    expect(quiet).not.toContain('could not be determined (var.policy)')
    expect(quiet).toContain('1 finding(s) in 1 file(s): 1 medium\n2 value(s) could not be determined (policygate/unresolved); --show-unresolved lists them.')
    const listed = toText(withUnresolved, { color: false, readLines: () => source, showUnresolved: true })
    expect(listed).toContain('3:1     info     aws_iam_policy.p: the identity policy document could not be determined (var.policy)')
    expect(listed).not.toContain('--show-unresolved lists them')
  })
})
