import { describe, expect, it } from 'vitest'
import { builtinRules } from '../../src/rules/index.js'
import { scanExample } from '../helpers/examples.js'

// One problem, one finding: a rule that would restate what another finding of the same resource already says stays silent.
const rule = (id: string) => builtinRules.find((r) => r.id === id)!

describe('one finding per problem', () => {
  it('a Config recorder of selected types is reported once, not again for leaving out the global types', async () => {
    const code = `Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        ResourceTypes:
          - AWS::EC2::Volume
`
    const findings = await scanExample(rule('config/recorder-incomplete'), 'cloudformation', { code })
    expect(findings.filter((f) => f.ruleId === 'config/recorder-incomplete').map((f) => `${f.loc.startLine} ${f.element}`)).toEqual(['2 allSupported'])
  })
})
