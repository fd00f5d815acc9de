import { describe, expect, it } from 'vitest'
import rule from '../../src/rules/iam/privilege-escalation.js'
import { scanExample } from '../helpers/examples.js'

describe('iam/privilege-escalation groups methods by the element that grants them', () => {
  it('reports a NotAction statement that opens many methods once, naming them all', async () => {
    const code = `Resources:
  Reports:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: reports
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                NotAction: iam:*
                Resource: "*"
`
    const findings = (await scanExample(rule, 'cloudformation', { code })).filter((f) => f.ruleId === rule.id)
    expect(findings).toHaveLength(1)
    expect(findings[0]!.loc.startLine).toBe(17) // the NotAction line: it grants everything it does not name
    expect(findings[0]!.message).toMatch(/can escalate privileges: \d+ ways: /)
    expect(findings[0]!.message).toContain('lambda:UpdateFunctionCode')
  })
})
