import { describe, expect, it } from 'vitest'
import { toAnnotations } from '../../src/report/github/annotations.js'
import { finding } from '../action/helpers.js'

describe('check-run annotations', () => {
  it('one per line: a lone finding as before, several as one annotation as severe as the worst, most severe first', () => {
    const lone = finding({ line: 9, severity: 'low', ruleId: 'trail/no-cloudwatch-logs', message: 'Alone' })
    const here = [
      finding({ line: 3, severity: 'low', ruleId: 'trail/no-cloudwatch-logs', message: 'No alarms' }),
      finding({ line: 3, severity: 'high', ruleId: 'trail/not-multi-region', message: 'One region' }),
      finding({ line: 3, severity: 'medium', ruleId: 'trail/not-encrypted', message: 'No key' }),
    ]
    const annotations = toAnnotations([...here, lone])
    expect(annotations).toHaveLength(2)
    expect(annotations[0]).toMatchObject({ start_line: 3, end_line: 3, annotation_level: 'failure', title: '3 findings: trail/not-multi-region, trail/not-encrypted, trail/no-cloudwatch-logs' })
    expect(annotations[0]!.message.split('\n').slice(0, 3)).toEqual(['[high] trail/not-multi-region: One region', '[medium] trail/not-encrypted: No key', '[low] trail/no-cloudwatch-logs: No alarms'])
    expect(annotations[1]).toMatchObject({ start_line: 9, annotation_level: 'notice', title: 'trail/no-cloudwatch-logs (low)' })
  })
})
